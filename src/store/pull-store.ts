// The pull side of the store: applies a checked page (customers, tickets, additions, tombstones), the records
// refused by validation and the page's cursor in ONE transaction, keeps additions and tombstones that arrive
// before their ticket, and materializes each touched ticket's effective row (what the UI reads) from its server
// state.
//
// Choices, for whoever writes a connector or the push side:
// - Server versions order server data: a ticket is written only when its `updatedAt` is not older than the
//   stored one, so duplicate, overlapping and out-of-order pages are harmless (invariant 3).
// - `notes`/`history` absent in a ticket keep what is stored; present, they replace it. Additions upsert notes
//   by id, append history (no duplicates, time order) and move the first response only earlier.
// - An addition or tombstone for a ticket not stored yet waits in `sync_pending` and is applied, in arrival
//   order, when the ticket arrives (in any later page or round); it is dropped only with its source. A ticket
//   that never arrives leaves its row there, which costs a few bytes and loses nothing.
// - A tombstone marks the server state deleted (`deleted_at`, `deleted_reason`, `merged_into`; nothing is
//   deleted from `ticket_base` or `note_base`) and removes the effective row, so the ticket leaves the queue and
//   search. A ticket with outbox rows keeps its effective row (invariant 6) until they are settled (see
//   effective-rows.ts). A ticket record newer than the tombstone restores it.
// - A refused record is kept in `sync_rejects` per (kind, id) until a record of that kind and id is accepted: a
//   note by ticket and note id, a history entry by ticket and instant, a customer, ticket, tombstone or
//   addition frame by its id. Rows carry the Piket version that refused them; `resetAfterUpgrade` re-fetches
//   their resource from the start, once, under a newer version (the simplest honest way back to them: cursors
//   are opaque, and the upserts make re-fetching harmless).
import type Database from 'better-sqlite3';
import type { PulledTicket, TicketAddition, Tombstone } from '../connectors/connector';
import type { Clock } from '../domain/clock';
import { customerId, EffectiveRows, type BaseRow } from './effective-rows';
import type { CustomerRecord, NoteRecord, TicketChange } from '../domain/ticket';

/** A page as the store takes it: records already checked (src/sync/page-check.ts). */
export interface PullPageData {
  customers: CustomerRecord[];
  tickets: PulledTicket[];
  additions?: TicketAddition[];
  tombstones?: Tombstone[];
}

export type RefusedKind = 'customer' | 'ticket' | 'note' | 'change' | 'addition' | 'tombstone';

/** A record (or part of an addition) that validation refused. */
export interface RefusedRecord {
  kind: RefusedKind;
  /** Its id as far as it could be read ('' when not at all); a note is `ticket/note`, a change `ticket@at`. */
  externalId: string;
  reason: string;
  /** The start of what came in, as JSON. */
  excerpt: string;
}

export interface Refusals {
  /** The Piket version that refused them. */
  appVersion: string;
  records: readonly RefusedRecord[];
}

export interface StoredRefusal {
  kind: RefusedKind;
  externalId: string;
  resource: string;
  reason: string;
  excerpt: string;
  firstSeenAt: number;
  lastSeenAt: number;
  appVersion: string;
}

export interface RefusalSummary {
  count: number;
  /** The earliest refused, oldest first. */
  first: StoredRefusal[];
}

export function noteKey(ticketExternalId: string, noteExternalId: string): string {
  return `${ticketExternalId}/${noteExternalId}`;
}

export function changeKey(ticketExternalId: string, at: number | string): string {
  return `${ticketExternalId}@${at}`;
}

interface RefusalRow {
  kind: RefusedKind;
  external_id: string;
  resource: string;
  reason: string;
  excerpt: string;
  first_seen_at: number;
  last_seen_at: number;
  app_version: string;
}

/** What one page's transaction carries from record to record. */
interface PageContext {
  source: string;
  changed: Set<number>;
  /** Whether the source has outbox rows at all (else no ticket needs the per-ticket check). */
  outbox: boolean;
  /** Whether the source has additions or tombstones waiting for their ticket. */
  pending: boolean;
}

function changeIdentity(change: TicketChange): string {
  return JSON.stringify([
    change.at,
    change.status ?? null,
    change.priority ?? null,
    change.milestone ?? null,
  ]);
}

/**
 * `stored` plus the entries of `added` it lacks, in time order, or null when nothing is new. The sort is stable:
 * entries at the same instant keep the order they arrived in (a status set twice in one millisecond ends as the
 * later one said).
 */
function mergeHistory(stored: TicketChange[], added: readonly TicketChange[]): TicketChange[] | null {
  const seen = new Set(stored.map(changeIdentity));
  const fresh = added.filter((change) => {
    const identity = changeIdentity(change);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
  if (fresh.length === 0) return null;
  return [...stored, ...fresh].sort((a, b) => a.at - b.at);
}

function earliest(stored: number | null, added: number | undefined): number | null {
  if (added === undefined) return stored;
  return stored === null ? added : Math.min(stored, added);
}

export class PullStore {
  private readonly upsertCustomer: Database.Statement;
  private readonly upsertBase: Database.Statement;
  private readonly baseRow: Database.Statement<[string, string], BaseRow>;
  private readonly updateAdded: Database.Statement;
  private readonly markDeleted: Database.Statement;
  private readonly upsertNote: Database.Statement;
  private readonly deleteOtherNotes: Database.Statement;
  private readonly insertPending: Database.Statement;
  private readonly sourceHasPending: Database.Statement<[string], number>;
  private readonly pendingFor: Database.Statement<[string, string], { kind: string; payload: string }>;
  private readonly deletePending: Database.Statement<[string, string]>;
  private readonly upsertRefusal: Database.Statement;
  private readonly sourceHasRefusals: Database.Statement<[string], number>;
  private readonly clearRefusal: Database.Statement<[string, string, string]>;
  private readonly countRefusals: Database.Statement<[string], number>;
  private readonly firstRefusals: Database.Statement<[string, number], RefusalRow>;
  private readonly staleResources: Database.Statement<[string, string], string>;
  private readonly deleteCursor: Database.Statement<[string, string]>;
  private readonly restampRefusals: Database.Statement<[string, string, string]>;
  private readonly writeCursor: Database.Statement;
  private readonly readCursor: Database.Statement<[string, string], string | null>;
  private readonly applyPageTransaction: (
    source: string,
    resource: string,
    page: PullPageData,
    cursor: string,
    refusals: Refusals | null,
  ) => number[];
  private readonly resetTransaction: (source: string, appVersion: string) => string[];
  private readonly applyTicketsTransaction: (source: string, tickets: readonly PulledTicket[]) => number[];

  private readonly effective: EffectiveRows;

  constructor(
    db: Database.Database,
    private readonly clock: Pick<Clock, 'now'> = Date,
  ) {
    this.effective = new EffectiveRows(db);
    this.upsertCustomer = db.prepare(`
      INSERT INTO customers (id, source, external_id, name, tam, lead_engineer, uptime_promise, time_zone, updated_at)
      VALUES (@id, @source, @externalId, @name, @tam, @leadEngineer, @uptimePromise, @timeZone, @updatedAt)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, tam = excluded.tam,
        lead_engineer = excluded.lead_engineer, uptime_promise = excluded.uptime_promise,
        time_zone = excluded.time_zone, updated_at = excluded.updated_at
      WHERE excluded.updated_at >= customers.updated_at`);
    // Not older than the stored version. A recorded deletion stays unless this version is newer than it (a
    // deletion wins a tie), so pages in any order end in the same state. History absent (@hasHistory = 0) keeps
    // the stored one; a first response only moves earlier.
    this.upsertBase = db.prepare(`
      INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind,
        cve_id, severity, status, assignee, created_at, first_response_at, resolved_at, server_updated_at, history)
      VALUES (@source, @externalId, @customerExternalId, @subject, @description, @priority, @kind,
        @cveId, @severity, @status, @assignee, @createdAt, @firstResponseAt, @resolvedAt, @updatedAt, @history)
      ON CONFLICT (source, external_id) DO UPDATE SET customer_external_id = excluded.customer_external_id,
        subject = excluded.subject, description = excluded.description, priority = excluded.priority,
        kind = excluded.kind, cve_id = excluded.cve_id, severity = excluded.severity, status = excluded.status,
        assignee = excluded.assignee, created_at = excluded.created_at,
        first_response_at = coalesce(min(ticket_base.first_response_at, excluded.first_response_at),
          ticket_base.first_response_at, excluded.first_response_at),
        resolved_at = excluded.resolved_at, server_updated_at = excluded.server_updated_at,
        history = CASE WHEN @hasHistory THEN excluded.history ELSE ticket_base.history END,
        deleted_at = iif(excluded.server_updated_at > ticket_base.deleted_at, NULL, ticket_base.deleted_at),
        deleted_reason = iif(excluded.server_updated_at > ticket_base.deleted_at, NULL, ticket_base.deleted_reason),
        merged_into = iif(excluded.server_updated_at > ticket_base.deleted_at, NULL, ticket_base.merged_into)
      WHERE excluded.server_updated_at >= ticket_base.server_updated_at`);
    this.baseRow = db.prepare('SELECT * FROM ticket_base WHERE source = ? AND external_id = ?');
    this.updateAdded = db.prepare(`
      UPDATE ticket_base SET history = @history, first_response_at = @firstResponseAt
      WHERE source = @source AND external_id = @externalId`);
    // A deletion older than the stored version is stale (the ticket was restored since); of two deletions the
    // later one counts.
    this.markDeleted = db.prepare(`
      UPDATE ticket_base SET deleted_at = @at, deleted_reason = @reason, merged_into = @mergedInto
      WHERE source = @source AND external_id = @externalId AND @at >= server_updated_at
        AND (deleted_at IS NULL OR @at > deleted_at)`);
    this.upsertNote = db.prepare(`
      INSERT INTO note_base (source, ticket_external_id, external_id, author, body, public, created_at)
      VALUES (@source, @ticketExternalId, @externalId, @author, @body, @public, @createdAt)
      ON CONFLICT (source, ticket_external_id, external_id) DO UPDATE SET author = excluded.author,
        body = excluded.body, public = excluded.public, created_at = excluded.created_at
      WHERE note_base.author IS NOT excluded.author OR note_base.body IS NOT excluded.body
        OR note_base.public IS NOT excluded.public OR note_base.created_at IS NOT excluded.created_at`);
    this.deleteOtherNotes = db.prepare(`
      DELETE FROM note_base WHERE source = ? AND ticket_external_id = ?
        AND external_id NOT IN (SELECT value FROM json_each(?))`);
    // The same item delivered twice (an overlapping page) waits once.
    this.insertPending = db.prepare(`
      INSERT INTO sync_pending (source, ticket_external_id, kind, payload, received_at)
      SELECT @source, @externalId, @kind, @payload, @now
      WHERE NOT EXISTS (SELECT 1 FROM sync_pending WHERE source = @source AND ticket_external_id = @externalId
        AND kind = @kind AND payload = @payload)`);
    this.sourceHasPending = db
      .prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM sync_pending WHERE source = ?)')
      .pluck();
    this.pendingFor = db.prepare(
      'SELECT kind, payload FROM sync_pending WHERE source = ? AND ticket_external_id = ? ORDER BY seq',
    );
    this.deletePending = db.prepare('DELETE FROM sync_pending WHERE source = ? AND ticket_external_id = ?');
    this.upsertRefusal = db.prepare(`
      INSERT INTO sync_rejects (source, kind, external_id, resource, reason, excerpt, first_seen_at, last_seen_at,
        app_version)
      VALUES (@source, @kind, @externalId, @resource, @reason, @excerpt, @now, @now, @appVersion)
      ON CONFLICT (source, kind, external_id, resource) DO UPDATE SET reason = excluded.reason,
        excerpt = excluded.excerpt, last_seen_at = excluded.last_seen_at, app_version = excluded.app_version`);
    this.sourceHasRefusals = db
      .prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM sync_rejects WHERE source = ?)')
      .pluck();
    this.clearRefusal = db.prepare(
      'DELETE FROM sync_rejects WHERE source = ? AND kind = ? AND external_id = ?',
    );
    this.countRefusals = db
      .prepare<[string], number>('SELECT count(*) FROM sync_rejects WHERE source = ?')
      .pluck();
    this.firstRefusals = db.prepare(`
      SELECT kind, external_id, resource, reason, excerpt, first_seen_at, last_seen_at, app_version
      FROM sync_rejects WHERE source = ? ORDER BY first_seen_at, kind, external_id, resource LIMIT ?`);
    this.staleResources = db
      .prepare<[string, string], string>(
        'SELECT DISTINCT resource FROM sync_rejects WHERE source = ? AND app_version IS NOT ? ORDER BY resource',
      )
      .pluck();
    this.deleteCursor = db.prepare('DELETE FROM sync_state WHERE source = ? AND resource = ?');
    this.restampRefusals = db.prepare(
      'UPDATE sync_rejects SET app_version = ? WHERE source = ? AND resource = ?',
    );
    this.writeCursor = db.prepare(`
      INSERT INTO sync_state (source, resource, cursor, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (source, resource) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`);
    this.readCursor = db
      .prepare<[string, string], string | null>(
        'SELECT cursor FROM sync_state WHERE source = ? AND resource = ?',
      )
      .pluck();

    this.applyPageTransaction = db.transaction((source, resource, page, cursor, refusals) =>
      this.applyInTransaction(source, resource, page, cursor, refusals),
    );
    this.applyTicketsTransaction = db.transaction((source: string, tickets: readonly PulledTicket[]) => {
      const context = this.contextOf(source);
      for (const ticket of tickets) this.applyTicket(context, ticket);
      return [...context.changed];
    });
    this.resetTransaction = db.transaction((source: string, appVersion: string) => {
      const resources = this.staleResources.all(source, appVersion);
      for (const resource of resources) {
        this.deleteCursor.run(source, resource);
        this.restampRefusals.run(appVersion, source, resource);
      }
      return resources;
    });
  }

  /**
   * Applies one checked page, the refusals found in it and its cursor in ONE transaction (invariant 3: a crash
   * never moves the cursor past unsaved data). Returns the local ids of tickets whose effective row was created,
   * changed or removed.
   */
  applyPage(
    source: string,
    resource: string,
    page: PullPageData,
    cursor: string,
    refusals: Refusals | null = null,
  ): { changedTicketIds: number[] } {
    return { changedTicketIds: this.applyPageTransaction(source, resource, page, cursor, refusals) };
  }

  /**
   * Stores tickets read fresh outside a resource's pages (one ticket fetched to settle a change, or the ticket a
   * change's answer carried), under the same version rule, and leaves every cursor alone. Returns the local ids of
   * tickets whose effective row changed.
   */
  applyTickets(source: string, tickets: readonly PulledTicket[]): number[] {
    return this.applyTicketsTransaction(source, tickets);
  }

  getCursor(source: string, resource: string): string | null {
    return this.readCursor.get(source, resource) ?? null;
  }

  /** How many records of `source` are refused, and the first `named` of them. */
  refusals(source: string, named: number): RefusalSummary {
    return {
      count: this.countRefusals.get(source)!,
      first: this.firstRefusals.all(source, named).map((row) => ({
        kind: row.kind,
        externalId: row.external_id,
        resource: row.resource,
        reason: row.reason,
        excerpt: row.excerpt,
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
        appVersion: row.app_version,
      })),
    };
  }

  /**
   * For a Piket version other than the one that refused records of `source`: resets the cursor of each resource
   * they came from (so the next pull fetches them again) and stamps them with `appVersion`, so this happens once
   * per upgrade. Returns the resources reset.
   */
  resetAfterUpgrade(source: string, appVersion: string): string[] {
    return this.resetTransaction(source, appVersion);
  }

  private applyInTransaction(
    source: string,
    resource: string,
    page: PullPageData,
    cursor: string,
    refusals: Refusals | null,
  ): number[] {
    const context = this.contextOf(source);
    for (const customer of page.customers) {
      if (customer.source !== source)
        throw new Error(`Customer ${customer.externalId} is not from ${source}`);
      this.upsertCustomer.run({
        ...customer,
        id: customerId(source, customer.externalId),
        tam: customer.tam === null ? null : JSON.stringify(customer.tam),
        leadEngineer: customer.leadEngineer === null ? null : JSON.stringify(customer.leadEngineer),
      });
    }
    for (const ticket of page.tickets) this.applyTicket(context, ticket);
    for (const addition of page.additions ?? []) {
      if (this.baseRow.get(source, addition.externalId)) {
        const notesChanged = this.mergeAddition(source, addition);
        this.materialize(context, addition.externalId, notesChanged);
      } else this.keepPending(source, addition.externalId, 'addition', addition);
    }
    for (const tombstone of page.tombstones ?? []) {
      if (this.baseRow.get(source, tombstone.externalId)) {
        this.markDeleted.run(this.tombstoneParams(source, tombstone));
        this.materialize(context, tombstone.externalId, false);
      } else this.keepPending(source, tombstone.externalId, 'tombstone', tombstone);
    }
    this.clearAccepted(source, page);
    for (const refused of refusals?.records ?? []) {
      this.upsertRefusal.run({
        ...refused,
        source,
        resource,
        now: this.clock.now(),
        appVersion: refusals!.appVersion,
      });
    }
    this.writeCursor.run(source, resource, cursor, this.clock.now());
    return [...context.changed];
  }

  private contextOf(source: string): PageContext {
    return {
      source,
      changed: new Set(),
      outbox: this.effective.hasOutbox(source),
      pending: this.sourceHasPending.get(source) === 1,
    };
  }

  private applyTicket(context: PageContext, ticket: PulledTicket): void {
    const { source } = context;
    if (ticket.source !== source) throw new Error(`Ticket ${ticket.externalId} is not from ${source}`);
    const { notes, history, ...record } = ticket;
    const written = this.upsertBase.run({
      ...record,
      history: JSON.stringify(history ?? []),
      hasHistory: history === undefined ? 0 : 1,
    });
    if (written.changes === 0) return;
    // Notes that changed without changing the searchable text (author, visibility) still change the ticket.
    let notesChanged = false;
    if (notes !== undefined) {
      notesChanged =
        this.deleteOtherNotes.run(
          source,
          ticket.externalId,
          JSON.stringify(notes.map((note) => note.externalId)),
        ).changes > 0;
      for (const note of notes)
        notesChanged = this.writeNote(source, ticket.externalId, note) || notesChanged;
    }
    if (context.pending) {
      for (const { kind, payload } of this.pendingFor.all(source, ticket.externalId)) {
        if (kind === 'addition') {
          notesChanged = this.mergeAddition(source, JSON.parse(payload) as TicketAddition) || notesChanged;
        } else this.markDeleted.run(this.tombstoneParams(source, JSON.parse(payload) as Tombstone));
      }
      this.deletePending.run(source, ticket.externalId);
    }
    this.materialize(context, ticket.externalId, notesChanged);
  }

  /** Merges an addition into a stored ticket's server state; true when its notes changed. */
  private mergeAddition(source: string, addition: TicketAddition): boolean {
    let notesChanged = false;
    for (const note of addition.notes ?? [])
      notesChanged = this.writeNote(source, addition.externalId, note) || notesChanged;
    const base = this.baseRow.get(source, addition.externalId)!;
    const history = addition.history
      ? mergeHistory(JSON.parse(base.history) as TicketChange[], addition.history)
      : null;
    const firstResponseAt = earliest(base.first_response_at, addition.firstResponseAt);
    if (history !== null || firstResponseAt !== base.first_response_at) {
      this.updateAdded.run({
        source,
        externalId: addition.externalId,
        history: history === null ? base.history : JSON.stringify(history),
        firstResponseAt,
      });
    }
    return notesChanged;
  }

  private writeNote(source: string, ticketExternalId: string, note: NoteRecord): boolean {
    return (
      this.upsertNote.run({ ...note, source, ticketExternalId, public: note.public ? 1 : 0 }).changes > 0
    );
  }

  private tombstoneParams(source: string, tombstone: Tombstone) {
    return {
      source,
      externalId: tombstone.externalId,
      at: tombstone.at,
      reason: tombstone.reason,
      mergedInto: tombstone.mergedInto ?? null,
    };
  }

  private keepPending(
    source: string,
    externalId: string,
    kind: 'addition' | 'tombstone',
    item: object,
  ): void {
    this.insertPending.run({
      source,
      externalId,
      kind,
      payload: JSON.stringify(item),
      now: this.clock.now(),
    });
  }

  private materialize(context: PageContext, externalId: string, notesChanged: boolean): void {
    const id = this.effective.materialize(context.source, externalId, {
      notesChanged,
      outbox: context.outbox,
    });
    if (id !== undefined) context.changed.add(id);
  }

  /** Forgets the refusals of records this page brought in valid. */
  private clearAccepted(source: string, page: PullPageData): void {
    if (this.sourceHasRefusals.get(source) !== 1) return;
    const clear = (kind: RefusedKind, externalId: string) => this.clearRefusal.run(source, kind, externalId);
    for (const customer of page.customers) clear('customer', customer.externalId);
    for (const ticket of page.tickets) clear('ticket', ticket.externalId);
    for (const addition of page.additions ?? []) {
      clear('addition', addition.externalId);
      for (const note of addition.notes ?? []) clear('note', noteKey(addition.externalId, note.externalId));
      for (const change of addition.history ?? []) clear('change', changeKey(addition.externalId, change.at));
    }
    for (const tombstone of page.tombstones ?? []) clear('tombstone', tombstone.externalId);
  }
}
