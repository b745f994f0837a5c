// Sends one connection's outbox to its ticket system: each ticket's changes in the order they were made, the head
// of every ticket's FIFO in turn, and settles each by what the ticket system answered (invariants 7–9):
// - applied → acked (the answer's ticket, when it carries one, is stored as fresh server state);
// - a precondition failed (409) → the ticket is read fresh: when nobody changed the fields the change overwrites,
//   it is sent again on the fresh version; otherwise it is a conflict, and the other person's value stands;
// - refused (validation) or the ticket is gone → rejected, with the server's words; nothing else waits for it;
// - no answer, or an answer that does not say the change was refused (timeout, network, 5xx, garbled) → unknown:
//   before it is sent again, the ticket system is asked whether it has it (by its marker);
// - rate limited, 503, a refused token → it waits, and the failure goes up to the sync, which decides when the
//   connection is tried again.
import {
  ConnectorError,
  type Connector,
  type PulledTicket,
  type PushReceipt,
  type PushRequest,
} from '../connectors/connector';
import { changedSince, describeAction, type ActionField } from '../domain/action';
import type { Clock } from '../domain/clock';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store';
import type { PullStore } from '../store/pull-store';
import { withDeadline } from './deadline';
import { checkPage } from './page-check';

/** Changes read per query; the loop asks again until nothing is due. */
const BATCH = 50;
/** How often a change is sent again on a fresh version after its precondition failed, before it is a conflict. */
const MAX_REBASES = 3;

export interface PushSyncOptions {
  outbox: OutboxStore;
  store: PullStore;
  clock: Clock;
  requestTimeoutMs: number;
  /** The wait before the n-th attempt after a failure (full-jitter exponential backoff). */
  backoffMs: (failures: number) => number;
  onChanged: (ticketIds: number[]) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function requestOf(entry: OutboxEntry): PushRequest {
  return {
    mutationId: entry.mutationId,
    externalId: entry.externalId,
    action: entry.intent.action,
    baseUpdatedAt: entry.baseUpdatedAt,
    seen: entry.intent.was,
  };
}

/** Whether an error says for sure that the change was not applied. */
function refusedForSure(error: ConnectorError): boolean {
  return (
    error.kind === 'rate_limited' ||
    error.kind === 'auth' ||
    error.kind === 'permission' ||
    (error.kind === 'transient' && error.status === 503)
  );
}

export class PushSync {
  /** Connections that were stopped or killed mid-push in an earlier run have had their inflight rows checked. */
  private readonly recovered = new Set<string>();

  constructor(private readonly options: PushSyncOptions) {}

  /**
   * Sends every due change of the connection. Resolves when nothing is due any more; rejects with the failure
   * that stops the whole connection (rate limit, lost token, no network), after settling the change it hit.
   */
  async push(connector: Connector, signal: AbortSignal): Promise<void> {
    const { outbox } = this.options;
    if (!this.recovered.has(connector.source)) {
      outbox.recoverInflight(connector.source);
      this.recovered.add(connector.source);
    }
    // How often each change was sent again on a fresh version in this push (MAX_REBASES).
    const rebases = new Map<number, number>();
    for (;;) {
      const due = outbox.due(connector.source, BATCH);
      if (due.length === 0) return;
      for (const entry of due) {
        signal.throwIfAborted();
        await this.settle(connector, entry, signal, rebases);
      }
    }
  }

  private async settle(
    connector: Connector,
    entry: OutboxEntry,
    signal: AbortSignal,
    rebases: Map<number, number>,
  ): Promise<void> {
    const { outbox } = this.options;
    const request = requestOf(entry);
    let sent = false;
    try {
      if (entry.state === 'unknown') {
        const found = await this.call(connector, signal, (s) => connector.findPushed(request, { signal: s }));
        if (found) return this.acked(connector, entry, found);
      }
      if (!outbox.markInflight(entry.seq)) return;
      sent = true;
      const receipt = await this.call(connector, signal, (s) => connector.push(request, { signal: s }));
      this.acked(connector, entry, receipt);
    } catch (error) {
      if (signal.aborted) {
        // Shutting down: the change may be on its way; the next run checks it before sending it again.
        this.changed(
          outbox.markFailed(entry.seq, { state: 'unknown', kind: 'aborted', message: messageOf(error) }),
        );
        throw error;
      }
      await this.failed(connector, entry, error, signal, sent, rebases);
    }
  }

  private acked(connector: Connector, entry: OutboxEntry, receipt: PushReceipt): void {
    const ids = receipt.ticket ? this.store(connector, receipt.ticket) : [];
    this.changed(this.options.outbox.markAcked(entry.seq, receipt), ...ids);
  }

  /** Stores a ticket read fresh, checked like any pulled record (a refused one is left for the next pull). */
  private store(connector: Connector, ticket: PulledTicket): number[] {
    const checked = checkPage(connector.source, connector.label, {
      customers: [],
      tickets: [ticket],
      cursor: '',
      hasMore: false,
    });
    return this.options.store.applyTickets(connector.source, checked.page.tickets);
  }

  private async failed(
    connector: Connector,
    entry: OutboxEntry,
    error: unknown,
    signal: AbortSignal,
    sent: boolean,
    rebases: Map<number, number>,
  ): Promise<void> {
    const { outbox, clock } = this.options;
    const now = clock.now();
    const failure = error instanceof ConnectorError ? error : null;
    const message = messageOf(error);
    const kind = failure?.kind ?? 'transient';
    switch (kind) {
      case 'conflict':
        return this.conflicted(connector, entry, message, signal, rebases);
      case 'validation':
        this.changed(outbox.markFailed(entry.seq, { state: 'rejected', kind, message }));
        return;
      case 'not_found':
        this.changed(
          outbox.markFailed(entry.seq, {
            state: 'rejected',
            kind,
            message: `${message} The change could not be made.`,
          }),
        );
        return;
      default: {
        const sure = failure !== null && refusedForSure(failure);
        const counts = kind !== 'auth' && kind !== 'permission' && kind !== 'rate_limited';
        const retryAt =
          kind === 'rate_limited' && failure?.retryAfterMs !== undefined
            ? now + failure.retryAfterMs
            : now + this.options.backoffMs(entry.attempts + 1);
        this.changed(
          outbox.markFailed(entry.seq, {
            // Not sent (its check failed), an unknown change stays unknown: checked again, never resent blindly.
            state: sure && sent ? 'pending' : 'unknown',
            kind,
            message,
            retryAt,
            counts,
          }),
        );
        throw error;
      }
    }
  }

  /** The precondition failed: send again on the fresh version, unless someone changed what this change overwrites. */
  private async conflicted(
    connector: Connector,
    entry: OutboxEntry,
    message: string,
    signal: AbortSignal,
    rebases: Map<number, number>,
  ): Promise<void> {
    const { outbox, clock } = this.options;
    let fresh: PulledTicket | null;
    try {
      fresh = await this.call(connector, signal, (s) =>
        connector.fetchTicket(entry.externalId, { signal: s }),
      );
    } catch (error) {
      // The 409 says the change was not applied: it waits to be sent again, whatever stopped the re-read.
      this.changed(
        outbox.markFailed(entry.seq, {
          state: 'pending',
          kind: error instanceof ConnectorError ? error.kind : 'transient',
          message: messageOf(error),
          retryAt: clock.now() + this.options.backoffMs(entry.attempts + 1),
        }),
      );
      throw error;
    }
    if (fresh === null) {
      this.changed(
        outbox.markFailed(entry.seq, {
          state: 'rejected',
          kind: 'not_found',
          message: `The ticket no longer exists in ${connector.label}; the change could not be made.`,
        }),
      );
      return;
    }
    this.changed(...this.store(connector, fresh));
    const changed = changedSince(entry.intent, fresh);
    const rebased = rebases.get(entry.seq) ?? 0;
    if (changed.length === 0 && rebased < MAX_REBASES) {
      rebases.set(entry.seq, rebased + 1);
      outbox.rebase(entry.seq, fresh.updatedAt);
      this.changed(outbox.markFailed(entry.seq, { state: 'pending', kind: 'conflict', message, retryAt: 0 }));
      return;
    }
    this.changed(
      outbox.markFailed(entry.seq, {
        state: 'conflict',
        kind: 'conflict',
        message: conflictMessage(connector.label, entry, changed, fresh),
      }),
    );
  }

  private call<T>(
    connector: Connector,
    signal: AbortSignal,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const { clock, requestTimeoutMs } = this.options;
    return withDeadline({ clock, timeoutMs: requestTimeoutMs, signal, callee: connector.label }, call);
  }

  private changed(...ids: Array<number | undefined>): void {
    const changed = ids.filter((id): id is number => id !== undefined);
    if (changed.length > 0) this.options.onChanged([...new Set(changed)]);
  }
}

/** "Someone changed the priority to P2 in Zendesk since you set it to P1 offline; their change stands." */
function conflictMessage(
  label: string,
  entry: OutboxEntry,
  fields: ActionField[],
  fresh: Record<ActionField, string | null>,
): string {
  if (fields.length === 0) {
    return `${label} kept refusing "${describeAction(entry.intent.action)}" because the ticket kept changing; it was not sent.`;
  }
  const now = fields.map((field) => `the ${field} is now ${fresh[field] ?? 'nobody'}`).join(' and ');
  return `Someone changed this ticket in ${label} since you made this change: ${now}. Their change stands; "${describeAction(entry.intent.action)}" was not sent.`;
}
