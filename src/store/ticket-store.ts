// Tickets and customers in SQLite: applies pulled pages (server state + the effective rows the UI reads)
// and answers the queue, stats, detail and customer queries.
import type Database from 'better-sqlite3';
import type { CustomerSummary, NoteView, QueueStats, TicketDetail, TicketSummary } from '../api/contract';
import { encodeQueueCursor } from '../api/queue-cursor';
import type { QueueQuery } from '../api/schemas';
import type { Clock } from '../domain/clock';
import type { SlaTicket } from '../sla/clock-types';
import { slaTicketOf } from '../sla/sla-ticket';
import {
  isOpenStatus,
  PRIORITIES,
  type ContactPerson,
  type CustomerRecord,
  type Priority,
  type TicketChange,
  type TicketKind,
  type TicketRecord,
  type TicketStatus,
} from '../domain/ticket';
import { buildQueueQuery, SUMMARY_COLUMNS } from './queue-query';

export interface PullPageData {
  customers: CustomerRecord[];
  tickets: TicketRecord[];
}

/** `due_sort` of a ticket with no running deadline: after every real instant (schema 2's default). */
export const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

/** A queue row as stored: the summary without its SLA brief, plus what the SLA engine needs to compute it. */
export type StoredSummary = Omit<TicketSummary, 'sla' | 'slaError'> & { slaTicket: SlaTicket };
export type StoredDetail = Omit<TicketDetail, 'sla' | 'slaError' | 'clocks' | 'policyName'> & {
  slaTicket: SlaTicket;
};
export interface StoredQueuePage {
  tickets: StoredSummary[];
  /** The key of the last row, when more rows follow it (see buildQueueQuery). */
  nextCursor: string | null;
}

/** One ticket's SLA input, for recomputing deadlines. */
export interface SlaInput {
  id: number;
  source: string;
  customerId: string;
  priority: Priority;
  externalId: string;
  subject: string;
  isOpen: boolean;
  slaTicket: SlaTicket;
}

interface SummaryRow {
  id: number;
  source: string;
  external_id: string;
  customer_id: string;
  customer_name: string;
  subject: string;
  priority: Priority;
  status: TicketStatus;
  kind: TicketKind;
  cve_id: string | null;
  assignee: string | null;
  created_at: number;
  updated_at: number;
  has_pending: number;
  severity: string | null;
  first_response_at: number | null;
  resolved_at: number | null;
  history: string;
}

interface QueueRow extends SummaryRow {
  due_sort: number;
}

interface DetailRow extends SummaryRow {
  description: string;
}

interface SlaInputRow {
  id: number;
  source: string;
  customer_id: string;
  external_id: string;
  subject: string;
  priority: Priority;
  status: TicketStatus;
  kind: TicketKind;
  severity: string | null;
  created_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  updated_at: number;
  history: string;
  is_open: number;
}

interface CustomerRow {
  id: string;
  source: string;
  name: string;
  tam: string | null;
  lead_engineer: string | null;
  uptime_promise: string | null;
  time_zone: string;
}

interface NoteRow {
  id: number;
  author: string;
  body: string;
  public: number;
  created_at: number;
}

const CUSTOMER_COLUMNS = 'id, source, name, tam, lead_engineer, uptime_promise, time_zone';

/** The SLA engine's view of a stored ticket (without reported history, an approximate one: sla-ticket.ts). */
function toSlaTicket(
  row: Omit<SlaInputRow, 'id' | 'source' | 'customer_id' | 'external_id' | 'subject' | 'is_open'>,
): SlaTicket {
  return slaTicketOf({
    createdAt: row.created_at,
    kind: row.kind,
    severity: row.severity,
    priority: row.priority,
    status: row.status,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    updatedAt: row.updated_at,
    history: JSON.parse(row.history) as TicketChange[],
  });
}

function toSummary(row: SummaryRow): StoredSummary {
  return {
    id: row.id,
    source: row.source,
    externalId: row.external_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    subject: row.subject,
    priority: row.priority,
    status: row.status,
    kind: row.kind,
    cveId: row.cve_id,
    assignee: row.assignee,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    hasPending: row.has_pending === 1,
    slaTicket: toSlaTicket(row),
  };
}

function toCustomer(row: CustomerRow): CustomerSummary {
  return {
    id: row.id,
    source: row.source,
    name: row.name,
    tam: row.tam === null ? null : (JSON.parse(row.tam) as ContactPerson),
    leadEngineer: row.lead_engineer === null ? null : (JSON.parse(row.lead_engineer) as ContactPerson),
    uptimePromise: row.uptime_promise,
    timeZone: row.time_zone,
  };
}

function customerId(source: string, externalId: string): string {
  return `${source}:${externalId}`;
}

/** The searchable text of a ticket's notes: their bodies in the order they were written. */
function notesText(ticket: TicketRecord): string {
  return [...ticket.notes]
    .sort((a, b) => a.createdAt - b.createdAt || (a.externalId < b.externalId ? -1 : 1))
    .map((note) => note.body)
    .join('\n');
}

export class TicketStore {
  private readonly upsertCustomer: Database.Statement;
  private readonly upsertBase: Database.Statement;
  private readonly upsertNote: Database.Statement;
  private readonly deleteOtherNotes: Database.Statement;
  private readonly upsertEffective: Database.Statement<unknown[], { id: number }>;
  private readonly writeCursor: Database.Statement;
  private readonly readCursor: Database.Statement<[string, string], string | null>;
  private readonly localId: Database.Statement<[string, string], number>;
  private readonly queueStatements = new Map<string, Database.Statement<unknown[], QueueRow>>();
  private readonly stats: Database.Statement<[string], { priority: Priority; open: number; mine: number }>;
  private readonly detail: Database.Statement<[number], DetailRow>;
  private readonly notes: Database.Statement<[string, string], NoteRow>;
  private readonly customer: Database.Statement<[string], CustomerRow>;
  private readonly customers: Database.Statement<[], CustomerRow>;
  private readonly count: Database.Statement<[], number>;
  private readonly countBySource: Database.Statement<[string], number>;
  private readonly applyPage: (
    source: string,
    resource: string,
    page: PullPageData,
    cursor: string,
  ) => number[];
  private readonly removeAll: (source: string) => void;
  private readonly openSlaInputs: Database.Statement<[], SlaInputRow>;
  private readonly slaInputById: Database.Statement<[number], SlaInputRow>;
  private readonly updateDueSort: Database.Statement<[{ id: number; dueSort: number }]>;
  private readonly writeDueSorts: (entries: readonly { id: number; dueSort: number }[]) => void;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Pick<Clock, 'now'> = Date,
  ) {
    this.upsertCustomer = db.prepare(`
      INSERT INTO customers (id, source, external_id, name, tam, lead_engineer, uptime_promise, time_zone, updated_at)
      VALUES (@id, @source, @externalId, @name, @tam, @leadEngineer, @uptimePromise, @timeZone, @updatedAt)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, tam = excluded.tam,
        lead_engineer = excluded.lead_engineer, uptime_promise = excluded.uptime_promise,
        time_zone = excluded.time_zone, updated_at = excluded.updated_at
      WHERE excluded.updated_at >= customers.updated_at`);
    this.upsertBase = db.prepare(`
      INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind,
        cve_id, severity, status, assignee, created_at, first_response_at, resolved_at, server_updated_at, history)
      VALUES (@source, @externalId, @customerExternalId, @subject, @description, @priority, @kind,
        @cveId, @severity, @status, @assignee, @createdAt, @firstResponseAt, @resolvedAt, @updatedAt, @history)
      ON CONFLICT (source, external_id) DO UPDATE SET customer_external_id = excluded.customer_external_id,
        subject = excluded.subject, description = excluded.description, priority = excluded.priority,
        kind = excluded.kind, cve_id = excluded.cve_id, severity = excluded.severity, status = excluded.status,
        assignee = excluded.assignee, created_at = excluded.created_at,
        first_response_at = excluded.first_response_at, resolved_at = excluded.resolved_at,
        server_updated_at = excluded.server_updated_at, history = excluded.history, deleted_at = NULL
      WHERE excluded.server_updated_at >= ticket_base.server_updated_at`);
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
    // Keeps the local id stable (never REPLACE) and returns the id only when something actually changed.
    this.upsertEffective = db.prepare(`
      INSERT INTO ticket_effective (source, external_id, customer_id, subject, description, notes_text, priority,
        status, kind, cve_id, severity, assignee, created_at, first_response_at, resolved_at, updated_at, is_open,
        history)
      VALUES (@source, @externalId, @customerId, @subject, @description, @notesText, @priority,
        @status, @kind, @cveId, @severity, @assignee, @createdAt, @firstResponseAt, @resolvedAt, @updatedAt, @isOpen,
        @history)
      ON CONFLICT (source, external_id) DO UPDATE SET customer_id = excluded.customer_id,
        subject = excluded.subject, description = excluded.description, notes_text = excluded.notes_text,
        priority = excluded.priority, status = excluded.status, kind = excluded.kind, cve_id = excluded.cve_id,
        severity = excluded.severity, assignee = excluded.assignee, created_at = excluded.created_at,
        first_response_at = excluded.first_response_at, resolved_at = excluded.resolved_at,
        updated_at = excluded.updated_at, is_open = excluded.is_open, history = excluded.history
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
        OR ticket_effective.history IS NOT excluded.history
      RETURNING id`);
    this.writeCursor = db.prepare(`
      INSERT INTO sync_state (source, resource, cursor, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (source, resource) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`);
    this.readCursor = db
      .prepare<[string, string], string | null>(
        'SELECT cursor FROM sync_state WHERE source = ? AND resource = ?',
      )
      .pluck();
    this.localId = db
      .prepare<[string, string], number>(
        'SELECT id FROM ticket_effective WHERE source = ? AND external_id = ?',
      )
      .pluck();
    this.stats = db.prepare(`
      SELECT priority, count(*) AS open, coalesce(sum(assignee = ?), 0) AS mine
      FROM ticket_effective WHERE is_open = 1 GROUP BY priority`);
    this.detail = db.prepare(`
      SELECT ${SUMMARY_COLUMNS}, t.description
      FROM ticket_effective t LEFT JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`);
    this.notes = db.prepare(`
      SELECT id, author, body, public, created_at FROM note_base
      WHERE source = ? AND ticket_external_id = ? ORDER BY created_at, id`);
    this.customer = db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ?`);
    this.customers = db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers ORDER BY name COLLATE NOCASE, id`);
    this.count = db.prepare<[], number>('SELECT count(*) FROM ticket_effective').pluck();
    this.countBySource = db
      .prepare<[string], number>('SELECT count(*) FROM ticket_effective WHERE source = ?')
      .pluck();

    const slaColumns = `id, source, customer_id, external_id, subject, priority, status, kind, severity, created_at,
      first_response_at, resolved_at, updated_at, history, is_open`;
    this.openSlaInputs = db.prepare(`SELECT ${slaColumns} FROM ticket_effective WHERE is_open = 1`);
    this.slaInputById = db.prepare(`SELECT ${slaColumns} FROM ticket_effective WHERE id = ?`);
    this.updateDueSort = db.prepare(
      'UPDATE ticket_effective SET due_sort = @dueSort WHERE id = @id AND due_sort IS NOT @dueSort',
    );
    this.writeDueSorts = db.transaction((entries: readonly { id: number; dueSort: number }[]) => {
      for (const entry of entries) this.updateDueSort.run(entry);
    });

    const deletes = ['ticket_effective', 'note_base', 'ticket_base', 'customers', 'sync_state'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE source = ?`),
    );
    const unsent = db
      .prepare<[string], number>(
        "SELECT count(*) FROM outbox WHERE source = ? AND state IN ('pending', 'inflight', 'unknown', 'conflict')",
      )
      .pluck();
    this.applyPage = db.transaction((source, resource, page, cursor) =>
      this.applyInTransaction(source, resource, page, cursor),
    );
    this.removeAll = db.transaction((source: string) => {
      const waiting = unsent.get(source)!;
      if (waiting > 0)
        throw new Error(`${source} still has ${waiting} change(s) waiting to be sent; nothing was removed.`);
      for (const statement of deletes) statement.run(source);
    });
  }

  /**
   * Applies one pulled page and its cursor in ONE transaction. A ticket or customer is written only when its
   * server `updatedAt` is not older than what is stored, so duplicate, overlapping and out-of-order pages are
   * harmless. Returns the local ids of tickets whose effective row or notes were created or changed.
   */
  applyPullPage(
    source: string,
    resource: string,
    page: PullPageData,
    cursor: string,
  ): { changedTicketIds: number[] } {
    return { changedTicketIds: this.applyPage(source, resource, page, cursor) };
  }

  getCursor(source: string, resource: string): string | null {
    return this.readCursor.get(source, resource) ?? null;
  }

  listQueue(query: QueueQuery, me: string): StoredQueuePage {
    const { sql, params } = buildQueueQuery(query, me);
    let statement = this.queueStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], QueueRow>(sql);
      this.queueStatements.set(sql, statement);
    }
    const rows = statement.all(params);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? encodeQueueCursor({
            dueSort: last.due_sort,
            priority: last.priority,
            createdAt: last.created_at,
            id: last.id,
          })
        : null;
    return { tickets: page.map(toSummary), nextCursor };
  }

  getQueueStats(me: string): QueueStats {
    const byPriority = Object.fromEntries(PRIORITIES.map((priority) => [priority, 0])) as Record<
      Priority,
      number
    >;
    let open = 0;
    let mine = 0;
    for (const row of this.stats.all(me)) {
      byPriority[row.priority] = row.open;
      open += row.open;
      mine += row.mine;
    }
    return { open, byPriority, mine };
  }

  getTicket(id: number): StoredDetail | null {
    const row = this.detail.get(id);
    if (!row) return null;
    const customerRow = this.customer.get(row.customer_id);
    const customer: CustomerSummary = customerRow
      ? toCustomer(customerRow)
      : {
          id: row.customer_id,
          source: row.source,
          name: row.customer_name,
          tam: null,
          leadEngineer: null,
          uptimePromise: null,
          timeZone: 'UTC',
        };
    const notes: NoteView[] = this.notes.all(row.source, row.external_id).map((note) => ({
      id: note.id,
      author: note.author,
      body: note.body,
      public: note.public === 1,
      createdAt: note.created_at,
    }));
    return {
      ...toSummary(row),
      description: row.description,
      severity: row.severity,
      firstResponseAt: row.first_response_at,
      resolvedAt: row.resolved_at,
      notes,
      customer,
    };
  }

  /** The SLA input of the given tickets (missing ids are skipped), or of every open ticket. */
  slaInputs(ids: readonly number[] | 'open'): SlaInput[] {
    const rows =
      ids === 'open'
        ? this.openSlaInputs.all()
        : ids.map((id) => this.slaInputById.get(id)).filter((row) => row !== undefined);
    return rows.map((row) => ({
      id: row.id,
      source: row.source,
      customerId: row.customer_id,
      priority: row.priority,
      externalId: row.external_id,
      subject: row.subject,
      isOpen: row.is_open === 1,
      slaTicket: toSlaTicket(row),
    }));
  }

  /** Stores each ticket's earliest running deadline (the queue's sort key) in one transaction. */
  setDueSorts(entries: readonly { id: number; dueSort: number }[]): void {
    this.writeDueSorts(entries);
  }

  listCustomers(): CustomerSummary[] {
    return this.customers.all().map(toCustomer);
  }

  /**
   * Deletes every ticket, note, customer and cursor of one source in one transaction; refuses while the source
   * has changes waiting in the outbox (a pending intent is never thrown away).
   */
  removeSource(source: string): void {
    this.removeAll(source);
  }

  countTickets(source?: string): number {
    return source === undefined ? this.count.get()! : this.countBySource.get(source)!;
  }

  private applyInTransaction(source: string, resource: string, page: PullPageData, cursor: string): number[] {
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
    const changed = new Set<number>();
    for (const ticket of page.tickets) {
      if (ticket.source !== source) throw new Error(`Ticket ${ticket.externalId} is not from ${source}`);
      const { notes, ...record } = ticket;
      const fields = { ...record, history: JSON.stringify(record.history) };
      if (this.upsertBase.run(fields).changes === 0) continue;
      // Notes that changed without changing the searchable text (author, visibility) still change the ticket.
      let notesChanged =
        this.deleteOtherNotes.run(
          source,
          ticket.externalId,
          JSON.stringify(notes.map((note) => note.externalId)),
        ).changes > 0;
      for (const note of notes) {
        const { changes } = this.upsertNote.run({
          ...note,
          source,
          ticketExternalId: ticket.externalId,
          public: note.public ? 1 : 0,
        });
        notesChanged ||= changes > 0;
      }
      const row = this.upsertEffective.get({
        ...fields,
        customerId: customerId(source, ticket.customerExternalId),
        notesText: notesText(ticket),
        isOpen: isOpenStatus(ticket.status) ? 1 : 0,
      });
      const id = row?.id ?? (notesChanged ? this.localId.get(source, ticket.externalId) : undefined);
      if (id !== undefined) changed.add(id);
    }
    this.writeCursor.run(source, resource, cursor, this.clock.now());
    return [...changed];
  }
}
