// The one step that writes what the UI reads of a ticket: its effective row, the server state (`ticket_base`,
// `note_base`) with the user's changes that the server has not confirmed replayed on top, in the order they were
// made, its status and priority history included (invariants 2 and 5). Pulls, user actions and the push loop all call it, inside their own transaction.
//
// Which outbox rows count:
// - pending, inflight, unknown: replayed (the user's change wins in the UI until the server settles it);
// - acked: replayed until the stored server state contains it (a note: its note is stored; any other change: a
//   version at least as new as the one that acknowledged it); then the row leaves the outbox (invariant 5);
// - conflict, rejected: not replayed (the server's value stands), but they keep the ticket marked and visible
//   until the user retries or discards them.
// A ticket that left the ticket system (deleted, merged) keeps its effective row while any outbox row remains
// (invariant 6).
import type Database from 'better-sqlite3';
import { addsText, applyAction, type ActionFields, type Intent } from '../domain/action';
import { isOpenStatus, type Priority, type TicketChange, type TicketStatus } from '../domain/ticket';

/** A row of `ticket_base`: a ticket's server state as last pulled. */
export interface BaseRow {
  source: string;
  external_id: string;
  customer_external_id: string;
  subject: string;
  description: string;
  priority: Priority;
  kind: string;
  cve_id: string | null;
  severity: string | null;
  status: TicketStatus;
  assignee: string | null;
  created_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  server_updated_at: number;
  deleted_at: number | null;
  history: string;
}

/** The outbox states whose change shows on the ticket. */
const REPLAYED = "('pending', 'inflight', 'unknown', 'acked')";
/** The actions that add a note (see domain/action.ts `addsText`). */
const TEXT_OPS = "('note', 'reply')";

/**
 * The reported history with the status and priority the user's unsettled changes set, at the time each was made, so
 * the SLA clocks shown follow them too (the server's own entry replaces it once it confirms the change). A ticket
 * whose system reports no history keeps none: its clocks are rebuilt from its fields, which already show the change.
 */
function withChanges(history: string, changes: readonly TicketChange[]): string {
  if (changes.length === 0 || history === '[]') return history;
  const merged = [...(JSON.parse(history) as TicketChange[]), ...changes].sort((a, b) => a.at - b.at);
  return JSON.stringify(merged);
}

export function customerId(source: string, externalId: string): string {
  return `${source}:${externalId}`;
}

export class EffectiveRows {
  private readonly baseRow: Database.Statement<[string, string], BaseRow>;
  private readonly noteBodies: Database.Statement<[string, string], string>;
  private readonly upsertEffective: Database.Statement<unknown[], { id: number }>;
  private readonly deleteEffective: Database.Statement<[string, string], { id: number }>;
  private readonly localId: Database.Statement<[string, string], number>;
  private readonly sourceHasOutbox: Database.Statement<[string], number>;
  private readonly dropConfirmed: Database.Statement;
  private readonly replayed: Database.Statement<[string, string], { payload: string; created_at: number }>;
  private readonly outboxRows: Database.Statement<[string, string], number>;

  constructor(db: Database.Database) {
    this.baseRow = db.prepare('SELECT * FROM ticket_base WHERE source = ? AND external_id = ?');
    this.noteBodies = db
      .prepare<[string, string], string>(
        `SELECT body FROM note_base WHERE source = ? AND ticket_external_id = ?
         ORDER BY created_at, external_id`,
      )
      .pluck();
    // Keeps the local id stable (never REPLACE) and returns the id only when something actually changed.
    this.upsertEffective = db.prepare(`
      INSERT INTO ticket_effective (source, external_id, customer_id, subject, description, notes_text, priority,
        status, kind, cve_id, severity, assignee, created_at, first_response_at, resolved_at, updated_at, is_open,
        has_pending, history)
      VALUES (@source, @externalId, @customerId, @subject, @description, @notesText, @priority,
        @status, @kind, @cveId, @severity, @assignee, @createdAt, @firstResponseAt, @resolvedAt, @updatedAt, @isOpen,
        @hasPending, @history)
      ON CONFLICT (source, external_id) DO UPDATE SET customer_id = excluded.customer_id,
        subject = excluded.subject, description = excluded.description, notes_text = excluded.notes_text,
        priority = excluded.priority, status = excluded.status, kind = excluded.kind, cve_id = excluded.cve_id,
        severity = excluded.severity, assignee = excluded.assignee, created_at = excluded.created_at,
        first_response_at = excluded.first_response_at, resolved_at = excluded.resolved_at,
        updated_at = excluded.updated_at, is_open = excluded.is_open, has_pending = excluded.has_pending,
        history = excluded.history
      WHERE ticket_effective.customer_id IS NOT excluded.customer_id
        OR ticket_effective.subject IS NOT excluded.subject
        OR ticket_effective.description IS NOT excluded.description
        OR ticket_effective.notes_text IS NOT excluded.notes_text
        OR ticket_effective.priority IS NOT excluded.priority
        OR ticket_effective.status IS NOT excluded.status
        OR ticket_effective.kind IS NOT excluded.kind
        OR ticket_effective.cve_id IS NOT excluded.cve_id
        OR ticket_effective.severity IS NOT excluded.severity
        OR ticket_effective.assignee IS NOT excluded.assignee
        OR ticket_effective.created_at IS NOT excluded.created_at
        OR ticket_effective.first_response_at IS NOT excluded.first_response_at
        OR ticket_effective.resolved_at IS NOT excluded.resolved_at
        OR ticket_effective.updated_at IS NOT excluded.updated_at
        OR ticket_effective.has_pending IS NOT excluded.has_pending
        OR ticket_effective.history IS NOT excluded.history
      RETURNING id`);
    this.deleteEffective = db.prepare(
      'DELETE FROM ticket_effective WHERE source = ? AND external_id = ? RETURNING id',
    );
    this.localId = db
      .prepare<[string, string], number>(
        'SELECT id FROM ticket_effective WHERE source = ? AND external_id = ?',
      )
      .pluck();
    this.sourceHasOutbox = db
      .prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM outbox WHERE source = ?)')
      .pluck();
    // A note or reply is confirmed once its note is stored (by the id the server answered with); any other change
    // once a version at least as new as the one that acknowledged it is. A deleted ticket's server state never
    // gets newer: what it acknowledged is confirmed as far as it goes.
    this.dropConfirmed = db.prepare(`
      DELETE FROM outbox WHERE source = @source AND external_id = @externalId AND state = 'acked' AND (@deleted
        OR (op IN ${TEXT_OPS} AND remote_ref IS NOT NULL AND EXISTS (SELECT 1 FROM note_base n
          WHERE n.source = @source AND n.ticket_external_id = @externalId AND n.external_id = outbox.remote_ref))
        OR ((op NOT IN ${TEXT_OPS} OR remote_ref IS NULL) AND acked_updated_at <= @version))`);
    this.replayed = db.prepare<[string, string], { payload: string; created_at: number }>(
      `SELECT payload, created_at FROM outbox WHERE source = ? AND external_id = ? AND state IN ${REPLAYED}
       ORDER BY seq`,
    );
    this.outboxRows = db
      .prepare<[string, string], number>('SELECT count(*) FROM outbox WHERE source = ? AND external_id = ?')
      .pluck();
  }

  /** Whether any ticket of `source` has outbox rows (a pull page asks once, not per ticket). */
  hasOutbox(source: string): boolean {
    return this.sourceHasOutbox.get(source) === 1;
  }

  /** Whether the ticket's server state is stored. */
  hasBase(source: string, externalId: string): boolean {
    return this.baseRow.get(source, externalId) !== undefined;
  }

  /**
   * Writes the ticket's effective row from its server state and its outbox rows, or removes it (left the ticket
   * system, nothing in the outbox). `outbox: false` skips the outbox (the caller knows the source has none).
   * Returns the local id when the row was created, changed or removed (or `notesChanged` says its notes did).
   */
  materialize(
    source: string,
    externalId: string,
    { notesChanged = false, outbox = true }: { notesChanged?: boolean; outbox?: boolean } = {},
  ): number | undefined {
    const base = this.baseRow.get(source, externalId);
    if (!base) return undefined;
    let intents: Array<{ intent: Intent; at: number }> = [];
    let hasPending = false;
    if (outbox) {
      this.dropConfirmed.run({
        source,
        externalId,
        version: base.server_updated_at,
        deleted: base.deleted_at === null ? 0 : 1,
      });
      intents = this.replayed
        .all(source, externalId)
        .map((row) => ({ intent: JSON.parse(row.payload) as Intent, at: row.created_at }));
      hasPending = this.outboxRows.get(source, externalId)! > 0;
    }
    if (base.deleted_at !== null && !hasPending) return this.deleteEffective.get(source, externalId)?.id;
    let fields: ActionFields = { status: base.status, priority: base.priority, assignee: base.assignee };
    const texts = this.noteBodies.all(source, externalId);
    const changes: TicketChange[] = [];
    for (const { intent, at } of intents) {
      const next = applyAction(fields, intent);
      if (next.status !== fields.status) changes.push({ at, status: next.status });
      if (next.priority !== fields.priority) changes.push({ at, priority: next.priority });
      fields = next;
      if (addsText(intent.action)) texts.push(intent.action.body);
    }
    const row = this.upsertEffective.get({
      source,
      externalId,
      customerId: customerId(source, base.customer_external_id),
      subject: base.subject,
      description: base.description,
      notesText: texts.join('\n'),
      priority: fields.priority,
      status: fields.status,
      kind: base.kind,
      cveId: base.cve_id,
      severity: base.severity,
      assignee: fields.assignee,
      createdAt: base.created_at,
      firstResponseAt: base.first_response_at,
      resolvedAt: base.resolved_at,
      updatedAt: base.server_updated_at,
      isOpen: isOpenStatus(fields.status) ? 1 : 0,
      hasPending: hasPending ? 1 : 0,
      history: withChanges(base.history, changes),
    });
    return row?.id ?? (notesChanged ? this.localId.get(source, externalId) : undefined);
  }
}
