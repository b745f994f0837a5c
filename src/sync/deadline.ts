// Runs one connector call under a deadline on the injected clock and under a parent signal (Piket shutting down):
// the call's own signal aborts at whichever comes first, and the caller stops waiting then even when the connector
// ignores its signal, so one hung request never blocks syncing.
import { ConnectorError } from '../connectors/connector';
import type { Clock } from '../domain/clock';

export interface DeadlineOptions {
  clock: Pick<Clock, 'setTimer' | 'clearTimer'>;
  timeoutMs: number;
  /** Aborting it aborts the call and rejects with its reason. */
  signal: AbortSignal;
  /** Who is called, for the timeout message ("Zendesk did not answer within 60 s"). */
  callee: string;
}

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export async function withDeadline<T>(
  { clock, timeoutMs, signal: parent, callee }: DeadlineOptions,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  parent.throwIfAborted();
  const controller = new AbortController();
  let stopWaiting: (reason: unknown) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (stopWaiting = reject));
  const abort = (reason: unknown) => {
    controller.abort(reason);
    stopWaiting(reason);
  };
  const onParentAbort = () => abort(parent.reason);
  const timer = clock.setTimer(
    () => abort(new ConnectorError('timeout', `${callee} did not answer within ${duration(timeoutMs)}`)),
    timeoutMs,
  );
  parent.addEventListener('abort', onParentAbort, { once: true });
  try {
    return await Promise.race([Promise.resolve().then(() => call(controller.signal)), aborted]);
  } finally {
    clock.clearTimer(timer);
    parent.removeEventListener('abort', onParentAbort);
  }
}
