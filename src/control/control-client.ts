// The caller's side of the control socket: runs one API call in the Piket that owns a data folder, as a Result.
import { connect } from 'node:net';
import type { MethodResults } from '../api/contract';
import type { MethodName } from '../api/methods';
import { fail, type Result } from '../api/result';
import { readLockOwner } from '../platform/instance-lock';
import { MAX_CONTROL_LINE, type ControlCall } from './endpoint';

const DEFAULT_TIMEOUT_MS = 30_000;

function unreachable(detail: string): Result<never> {
  return fail(
    'unavailable',
    `The Piket that owns this data folder did not take the call (${detail}). Is it still running? Try again, or close it and run the command alone.`,
  );
}

/** Sends one call to the owner of `dataDir` and resolves to its answer; never throws. */
export function callOwner<M extends MethodName>(
  dataDir: string,
  method: M,
  args: unknown,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Result<MethodResults[M]>> {
  const owner = readLockOwner(dataDir);
  if (!owner?.control) return Promise.resolve(unreachable('it does not listen for calls'));
  const { path, token } = owner.control;
  const call: ControlCall = { token, id: 1, method, args };
  return new Promise((resolve) => {
    let buffered = '';
    const socket = connect(path);
    const finish = (result: Result<MethodResults[M]>): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setEncoding('utf8');
    socket.setTimeout(timeoutMs, () => finish(unreachable(`no answer in ${Math.round(timeoutMs / 1000)} s`)));
    socket.on('error', (error: NodeJS.ErrnoException) => finish(unreachable(error.code ?? error.message)));
    socket.on('connect', () => socket.write(JSON.stringify(call) + '\n'));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline < 0) {
        if (buffered.length > MAX_CONTROL_LINE) finish(unreachable('its answer was too long'));
        return;
      }
      try {
        const reply = JSON.parse(buffered.slice(0, newline)) as { result: Result<MethodResults[M]> };
        finish(reply.result);
      } catch {
        finish(unreachable('its answer was not understood'));
      }
    });
    socket.on('end', () => finish(unreachable('it closed the connection')));
  });
}
