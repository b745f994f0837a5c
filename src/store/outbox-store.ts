// The outbox: every change the user makes, kept until its ticket system has it. A change is recorded together with
// the ticket's new effective row in ONE transaction (invariant 1), then moves through
// pending → inflight → acked | rejected | conflict | unknown (invariant 7); every move rewrites the ticket's
// effective row in the same transaction, so what the UI shows is always server state plus what is not settled.
//
// The push loop's order is a FIFO per ticket: a ticket's next change goes out only when every earlier one of that
// ticket is settled (acked, rejected or in conflict); the tickets themselves go in the order their head change was
// made. Rejected and conflicting changes stay until the user retries, edits or discards them, and never block
// anything else (invariant 9).
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { fieldsOf, intentOf, type ActionFields, type Intent, type TicketAction } from '../domain/action';
import type { Clock } from '../domain/clock';
import type { Priority, TicketStatus } from '../domain/ticket';
import { EffectiveRows } from './effective-rows';

export const OUTBOX_STATES = ['pending', 'inflight', 'acked', 'rejected', 'conflict', 'unknown'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** States of a change that has not (or not surely) reached the server. */
const UNSENT = "('pending', 'inflight', 'unknown', 'conflict', 'rejected')";

export interface OutboxEntry {
  seq: number;
  mutationId: string;
  source: string;
  externalId: string;
  intent: Intent;
  /** The server version the change was made on; null for a change that only adds (no precondition). */
  baseUpdatedAt: number | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  remoteRef: string | null;
  /** The last failure in words (rejected, conflict, or why it waits). */
  lastError: string | null;
  /** The class of the last failure (a ConnectorError kind). */
  errorKind: string | null;
  createdAt: number;
}

interface Row {
  seq: number;
  mutation_id: string;
  source: string;
  external_id: string;
  payload: string;
  base_updated_at: number | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  remote_ref: string | null;
  last_error: string | null;
  error_kind: string | null;
  created_at: number;
}

interface TicketFields {
  id: number;
  status: TicketStatus;
  priority: Priority;
  assignee: string | null;
  server_updated_at: number;
}

function toEntry(row: Row): OutboxEntry {
  return {
    seq: row.seq,
    mutationId: row.mutation_id,
    source: row.source,
    externalId: row.external_id,
    intent: JSON.parse(row.payload) as Intent,
    baseUpdatedAt: row.base_updated_at,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    remoteRef: row.remote_ref,
    lastError: row.last_error,
    errorKind: row.error_kind,
    createdAt: row.created_at,
  };
}

/** What a failed attempt leaves: the state it moves to, why, and (pending, unknown) when to try again. */
export interface Failure {
  state: 'pending' | 'unknown' | 'rejected' | 'conflict';
  kind: string;
  message: string;
  /** When it is tried again (pending, unknown); ignored otherwise. */
  retryAt?: number;
  /** Whether this attempt counts towards the backoff (a rate limit or a lost token does not). */
  counts?: boolean;
}

export class OutboxStore {
  private readonly effective: EffectiveRows;
  private readonly fields: Database.Statement<[string, string], TicketFields>;
  private readonly insert: Database.Statement;
  private readonly one: Database.Statement<[number], Row>;
  private readonly ofTicket: Database.Statement<[string, string], Row>;
  private readonly withTickets: Database.Statement<[], Row & { ticket_id: number; subject: string }>;
  private readonly dueHeads: Database.Statement<[string, number, number], Row>;
  private readonly setState: Database.Statement;
  private readonly setInflight: Database.Statement<[number]>;
  private readonly setAcked: Database.Statement;
  private readonly rebaseLater: Database.Statement;
  private readonly setBase: Database.Statement;
  private readonly setPayload: Database.Statement;
  private readonly remove: Database.Statement<[number]>;
  private readonly inflightToUnknown: Database.Statement<[string]>;
  private readonly retryWaiting: Database.Statement<[string]>;
  private readonly waitsBack: Database.Statement<[number]>;
  private readonly unsent: Database.Statement<[string], number>;
  private readonly unsentAll: Database.Statement<[], number>;
  private readonly stateCounts: Database.Statement<[string], { waiting: number; problems: number }>;
  private readonly discardAll: Database.Statement<[string]>;
  private readonly localId: Database.Statement<[string, string], number>;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.effective = new EffectiveRows(db);
    this.fields = db.prepare(`
      SELECT e.id, e.status, e.priority, e.assignee, b.server_updated_at
      FROM ticket_effective e JOIN ticket_base b ON b.source = e.source AND b.external_id = e.external_id
      WHERE e.source = ? AND e.external_id = ?`);
    this.insert = db.prepare(`
      INSERT INTO outbox (mutation_id, source, external_id, op, payload, base_updated_at, state, created_at)
      VALUES (@mutationId, @source, @externalId, @op, @payload, @baseUpdatedAt, 'pending', @now)`);
    this.one = db.prepare('SELECT * FROM outbox WHERE seq = ?');
    this.ofTicket = db.prepare('SELECT * FROM outbox WHERE source = ? AND external_id = ? ORDER BY seq');
    this.withTickets = db.prepare(`
      SELECT o.*, e.id AS ticket_id, e.subject FROM outbox o
      JOIN ticket_effective e ON e.source = o.source AND e.external_id = o.external_id ORDER BY o.seq`);
    this.waitsBack = db.prepare<[number]>(
      'UPDATE outbox SET next_attempt_at = max(0, next_attempt_at - ?) WHERE next_attempt_at > 0',
    );
    this.retryWaiting = db.prepare(`
      UPDATE outbox SET next_attempt_at = 0
      WHERE source = ? AND state IN ('pending', 'unknown') AND next_attempt_at > 0
        AND error_kind IS NOT 'rate_limited'`);
    // The head of each ticket's FIFO: a due pending or unknown change with no earlier unsettled one.
    this.dueHeads = db.prepare(`
      SELECT * FROM outbox o
      WHERE o.source = ? AND o.state IN ('pending', 'unknown') AND o.next_attempt_at <= ?
        AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.source = o.source AND p.external_id = o.external_id
          AND p.seq < o.seq AND p.state IN ('pending', 'inflight', 'unknown'))
      ORDER BY o.seq LIMIT ?`);
    this.setState = db.prepare(`
      UPDATE outbox SET state = @state, attempts = attempts + @counts, next_attempt_at = @retryAt,
        last_error = @message, error_kind = @kind
      WHERE seq = @seq`);
    // Only a change still waiting goes out: one discarded while earlier ones were being sent stays discarded.
    this.setInflight = db.prepare(`
      UPDATE outbox SET state = 'inflight', attempts = attempts + 1, next_attempt_at = 0, last_error = NULL,
        error_kind = NULL
      WHERE seq = ? AND state IN ('pending', 'unknown')`);
    this.setAcked = db.prepare(`
      UPDATE outbox SET state = 'acked', acked_updated_at = @updatedAt, remote_ref = @remoteRef, last_error = NULL,
        error_kind = NULL
      WHERE seq = @seq`);
    // The ticket's later changes were made on top of this one: their precondition is the version it produced.
    this.rebaseLater = db.prepare(`
      UPDATE outbox SET base_updated_at = @updatedAt
      WHERE source = @source AND external_id = @externalId AND seq > @seq AND base_updated_at = @base
        AND state IN ('pending', 'unknown')`);
    this.setBase = db.prepare('UPDATE outbox SET base_updated_at = @base WHERE seq = @seq');
    this.setPayload = db.prepare(`
      UPDATE outbox SET payload = @payload, op = @op, base_updated_at = @base, state = 'pending', attempts = 0,
        next_attempt_at = 0, last_error = NULL, error_kind = NULL
      WHERE seq = @seq`);
    this.remove = db.prepare('DELETE FROM outbox WHERE seq = ?');
    this.inflightToUnknown = db.prepare(
      "UPDATE outbox SET state = 'unknown' WHERE source = ? AND state = 'inflight'",
    );
    this.unsent = db
      .prepare<[string], number>(`SELECT count(*) FROM outbox WHERE source = ? AND state IN ${UNSENT}`)
      .pluck();
    this.unsentAll = db.prepare<[], number>(`SELECT count(*) FROM outbox WHERE state IN ${UNSENT}`).pluck();
    this.stateCounts = db.prepare(`
      SELECT coalesce(sum(state IN ('pending', 'inflight', 'unknown')), 0) AS waiting,
        coalesce(sum(state IN ('rejected', 'conflict')), 0) AS problems
      FROM outbox WHERE source = ?`);
    this.discardAll = db.prepare<[string]>('DELETE FROM outbox WHERE source = ?');
    this.localId = db
      .prepare<[string, string], number>(
        'SELECT id FROM ticket_effective WHERE source = ? AND external_id = ?',
      )
      .pluck();
  }

  /**
   * Records the user's change of one ticket and shows it on the ticket, in one transaction. `me` is the name the
   * change assigns when it assigns to the user. Returns the ticket's local id, or null when the ticket is unknown.
   */
  record(
    source: string,
    externalId: string,
    action: TicketAction,
    me: string,
  ): { ticketId: number; mutationId: string } | null {
    return this.db.transaction(() => {
      const ticket = this.fields.get(source, externalId);
      if (!ticket) return null;
      const mutationId = randomUUID();
      const intent = intentOf(action, me, ticket as ActionFields);
      this.insert.run({
        mutationId,
        source,
        externalId,
        op: action.kind,
        payload: JSON.stringify(intent),
        baseUpdatedAt: fieldsOf(action).length > 0 ? ticket.server_updated_at : null,
        now: this.clock.now(),
      });
      this.effective.materialize(source, externalId);
      return { ticketId: ticket.id, mutationId };
    })();
  }

  get(seq: number): OutboxEntry | null {
    const row = this.one.get(seq);
    return row ? toEntry(row) : null;
  }

  /** Every change in the outbox with its ticket's local id and subject, oldest first. */
  allEntries(): Array<OutboxEntry & { ticketId: number; subject: string }> {
    return this.withTickets
      .all()
      .map((row) => ({ ...toEntry(row), ticketId: row.ticket_id, subject: row.subject }));
  }

  /** Every change of one ticket still in the outbox, oldest first. */
  ofTicketEntries(source: string, externalId: string): OutboxEntry[] {
    return this.ofTicket.all(source, externalId).map(toEntry);
  }

  /** The user asked to sync: changes waiting out a backoff go now (a rate limit still holds). */
  retryNow(source: string): void {
    this.retryWaiting.run(source);
  }

  /** The clock was set back by `ms`: every change waiting out a backoff or a rate limit waits as long as meant. */
  moveWaitsBack(ms: number): void {
    this.waitsBack.run(ms);
  }

  /** After a crash or a restart: a change that was on its way may or may not have arrived (invariant 7). */
  recoverInflight(source: string): void {
    this.inflightToUnknown.run(source);
  }

  /** The changes of `source` to send now, at most one per ticket (each ticket's FIFO head), oldest first. */
  due(source: string, limit: number): OutboxEntry[] {
    return this.dueHeads.all(source, this.clock.now(), limit).map(toEntry);
  }

  /**
   * The change is on its way: a crash from here on leaves it `unknown`. False when it is no longer waiting to be
   * sent (discarded meanwhile): then it must not go out.
   */
  markInflight(seq: number): boolean {
    return this.setInflight.run(seq).changes === 1;
  }

  /**
   * The server has the change: it stays (and shows) until the stored server state contains it. The ticket's later
   * changes, made on top of this one, now take the version it produced as their precondition.
   */
  markAcked(seq: number, receipt: { updatedAt: number; remoteRef: string | null }): number | undefined {
    return this.db.transaction(() => {
      const row = this.one.get(seq);
      if (!row) return undefined;
      this.setAcked.run({ seq, updatedAt: receipt.updatedAt, remoteRef: receipt.remoteRef });
      if (row.base_updated_at !== null) {
        this.rebaseLater.run({
          source: row.source,
          externalId: row.external_id,
          seq,
          base: row.base_updated_at,
          updatedAt: receipt.updatedAt,
        });
      }
      return this.effective.materialize(row.source, row.external_id);
    })();
  }

  /** The attempt failed: the change waits, is checked later, is refused, or conflicts (see Failure). */
  markFailed(seq: number, failure: Failure): number | undefined {
    return this.db.transaction(() => {
      const row = this.one.get(seq);
      if (!row) return undefined;
      this.setState.run({
        seq,
        state: failure.state,
        // An attempt that does not count takes back the count of the send it failed (markInflight), if any.
        counts: failure.counts === false && row.state === 'inflight' ? -1 : 0,
        retryAt: failure.retryAt ?? 0,
        message: failure.message,
        kind: failure.kind,
      });
      return this.effective.materialize(row.source, row.external_id);
    })();
  }

  /** The change is sent again on server version `baseUpdatedAt` (nobody changed the fields it overwrites). */
  rebase(seq: number, baseUpdatedAt: number): void {
    this.setBase.run({ seq, base: baseUpdatedAt });
  }

  /**
   * The user's answer to a rejected or conflicting change: send `action` (the same one to retry, another to edit)
   * on the ticket as it is now, so a conflict is settled in the user's favour knowingly. Returns the ticket's local
   * id, or undefined when the change is gone or not waiting for the user.
   */
  replace(seq: number, action: TicketAction, me: string): number | undefined {
    return this.db.transaction(() => {
      const row = this.one.get(seq);
      if (!row || (row.state !== 'rejected' && row.state !== 'conflict')) return undefined;
      const ticket = this.fields.get(row.source, row.external_id);
      if (!ticket) return undefined;
      // The fields as the server has them: the effective row without this (unreplayed) change is just that, plus
      // the ticket's other unsettled changes, which the new one is made on top of.
      const intent = intentOf(action, me, ticket as ActionFields);
      this.setPayload.run({
        seq,
        op: action.kind,
        payload: JSON.stringify(intent),
        base: fieldsOf(action).length > 0 ? ticket.server_updated_at : null,
      });
      return this.effective.materialize(row.source, row.external_id);
    })();
  }

  /** Drops a change that has not been sent (or was refused); returns the ticket's local id. */
  discard(seq: number): number | undefined {
    return this.db.transaction(() => {
      const row = this.one.get(seq);
      if (!row || row.state === 'inflight' || row.state === 'acked') return undefined;
      this.remove.run(seq);
      return (
        this.effective.materialize(row.source, row.external_id) ??
        this.localId.get(row.source, row.external_id)
      );
    })();
  }

  /** How many changes of `source` wait to be sent or confirmed, and how many wait for the user. */
  counts(source: string): { waiting: number; problems: number } {
    return this.stateCounts.get(source)!;
  }

  countUnsent(source?: string): number {
    return source === undefined ? this.unsentAll.get()! : this.unsent.get(source)!;
  }

  /** Deletes every change of the source, sent or not: only for a source that is being removed. */
  discardSource(source: string): void {
    this.discardAll.run(source);
  }
}
