// Tickets and customers in SQLite: answers the queue, stats, detail and customer queries, and removes a source.
// Pulled pages are applied by PullStore (pull-store.ts), which owns the pull side.
import type Database from 'better-sqlite3';
import type { CustomerSummary, NoteView, QueueStats, TicketDetail, TicketSummary } from '../api/contract';
import { encodeQueueCursor } from '../api/queue-cursor';
import { needsMeHorizon } from '../api/queue-order';
import type { QueueQuery } from '../api/schemas';
import type { Clock } from '../domain/clock';
import type { SlaTicket } from '../sla/clock-types';
import { slaTicketOf } from '../sla/sla-ticket';
import {
  PRIORITIES,
  type ContactPerson,
  type Priority,
  type TicketChange,
  type TicketKind,
  type TicketStatus,
} from '../domain/ticket';
import { toFtsQuery } from './fts-query';
import {
  NEEDS_ME,
  queueSegments,
  ROWS_BY_ID_SQL,
  segmentRowsQuery,
  SUMMARY_COLUMNS,
  type BuiltQuery,
  type QueueSegment,
  type QueueViewer,
} from './queue-query';
import { searchSegments, type QueryRunner, type SearchHit } from './queue-search';

/** `due_sort` of a ticket with no running deadline: after every real instant (schema 2's default). */
export const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

/** A queue row as stored: the summary without its SLA brief, plus what the SLA engine needs to compute it. */
export type StoredSummary = Omit<TicketSummary, 'sla' | 'slaError'> & { slaTicket: SlaTicket };
export type StoredDetail = Omit<
  TicketDetail,
  'sla' | 'slaError' | 'clocks' | 'policyName' | 'changes' | 'ladder'
> & {
  slaTicket: SlaTicket;
};
export interface StoredQueuePage {
  tickets: StoredSummary[];
  /** The place of the last row, when more rows follow it (see QueueSegment in queue-query.ts). */
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
  status: TicketStatus;
  createdAt: number;
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

/** A queue row and the part of the needsMe scope it is in (0 elsewhere), for the next cursor. */
type PartRow = QueueRow & { part: number };

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

export class TicketStore {
  /** Queue statements by SQL text (their number is bounded: see queueSegments). */
  private readonly queueStatements = new Map<string, Database.Statement>();
  private readonly stats: Database.Statement<
    [{ me: string; needsMeBefore: number }],
    { priority: Priority; open: number; mine: number; needs_me: number }
  >;
  private readonly detail: Database.Statement<[number], DetailRow>;
  private readonly notes: Database.Statement<[string, string], NoteRow>;
  private readonly customer: Database.Statement<[string], CustomerRow>;
  private readonly customers: Database.Statement<[], CustomerRow>;
  private readonly count: Database.Statement<[], number>;
  private readonly countBySource: Database.Statement<[string], number>;
  private readonly byExternalId: Database.Statement<
    { externalId: string; source: string | null },
    { id: number; source: string }
  >;
  private readonly removeAll: (source: string) => void;
  private readonly openSlaInputs: Database.Statement<[], SlaInputRow>;
  private readonly slaInputById: Database.Statement<[number], SlaInputRow>;
  private readonly updateDueSort: Database.Statement<[{ id: number; dueSort: number }]>;
  private readonly writeDueSorts: (entries: readonly { id: number; dueSort: number }[]) => void;

  constructor(
    private readonly db: Database.Database,
    /** Now: the needsMe horizon. */
    private readonly clock: Pick<Clock, 'now'> = Date,
  ) {
    this.stats = db.prepare(`
      SELECT t.priority, count(*) AS open, coalesce(sum(t.assignee IN (SELECT value FROM json_each(@me))), 0) AS mine,
        coalesce(sum(${NEEDS_ME}), 0) AS needs_me
      FROM ticket_effective t WHERE t.is_open = 1 GROUP BY t.priority`);
    this.detail = db.prepare(`
      SELECT ${SUMMARY_COLUMNS}, t.description
      FROM ticket_effective t LEFT JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`);
    this.notes = db.prepare(`
      SELECT id, author, body, public, created_at FROM note_base
      WHERE source = ? AND ticket_external_id = ? ORDER BY created_at, id`);
    this.customer = db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ?`);
    this.customers = db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers ORDER BY name COLLATE NOCASE, id`);
    this.count = db.prepare<[], number>('SELECT count(*) FROM ticket_effective').pluck();
    this.byExternalId = db.prepare(`
      SELECT id, source FROM ticket_effective
      WHERE external_id = @externalId AND (@source IS NULL OR source = @source) ORDER BY source`);
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

    const deletes = [
      'ticket_effective',
      'note_base',
      'ticket_base',
      'customers',
      'sync_state',
      'sync_pending',
      'sync_rejects',
    ].map((table) => db.prepare(`DELETE FROM ${table} WHERE source = ?`));
    const unsent = db
      .prepare<[string], number>(
        "SELECT count(*) FROM outbox WHERE source = ? AND state IN ('pending', 'inflight', 'unknown', 'conflict')",
      )
      .pluck();
    this.removeAll = db.transaction((source: string) => {
      const waiting = unsent.get(source)!;
      if (waiting > 0)
        throw new Error(`${source} still has ${waiting} change(s) waiting to be sent; nothing was removed.`);
      for (const statement of deletes) statement.run(source);
    });
  }

  /**
   * One page of the queue: the segments of the query in turn (see queueSegments), each walked in its order's index,
   * or searched (queue-search.ts), until `limit + 1` rows tell whether more follow. `me` holds the names the user goes by
   * as tickets are assigned; the needsMe scope lists the open tickets due before `needsMeBefore` (by default
   * the next 12 hours by the store's clock; the end of my shift once a rotation says when that is).
   */
  listQueue(
    query: QueueQuery,
    me: readonly string[],
    needsMeBefore = needsMeHorizon(this.clock.now()),
  ): StoredQueuePage {
    const viewer: QueueViewer = { me, needsMeBefore };
    const search = query.search === undefined ? null : toFtsQuery(query.search);
    const segments = queueSegments(query, viewer);
    const rows =
      search === null
        ? this.readSegments(segments, query.limit + 1)
        : this.rowsOf(searchSegments(this.queries, segments, search, query.limit + 1));
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? encodeQueueCursor(query.scope, query.sort, last.part, {
            priority: last.priority,
            dueSort: last.due_sort,
            createdAt: last.created_at,
            updatedAt: last.updated_at,
            id: last.id,
          })
        : null;
    return { tickets: page.map(toSummary), nextCursor };
  }

  /**
   * Open tickets per priority, mine, and how many the needsMe scope lists. `needsMeBefore` is the needsMe horizon
   * (see listQueue).
   */
  getQueueStats(me: readonly string[], needsMeBefore = needsMeHorizon(this.clock.now())): QueueStats {
    const byPriority = Object.fromEntries(PRIORITIES.map((priority) => [priority, 0])) as Record<
      Priority,
      number
    >;
    let open = 0;
    let mine = 0;
    let needsMe = 0;
    for (const row of this.stats.all({ me: JSON.stringify(me), needsMeBefore })) {
      byPriority[row.priority] = row.open;
      open += row.open;
      mine += row.mine;
      needsMe += row.needs_me;
    }
    return { open, byPriority, mine, needsMe };
  }

  private queueStatement(sql: string): Database.Statement {
    let statement = this.queueStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.queueStatements.set(sql, statement);
    }
    return statement;
  }

  private readonly queries: QueryRunner = {
    rows: <Row>({ sql, params }: BuiltQuery, extra: Record<string, string | number>) =>
      this.queueStatement(sql)
        .pluck(false)
        .all({ ...params, ...extra }) as Row[],
    column: <Value>({ sql, params }: BuiltQuery, extra: Record<string, string | number>) =>
      this.queueStatement(sql)
        .pluck(true)
        .all({ ...params, ...extra }) as Value[],
  };

  /** The first `limit` rows of the segments, read one after the other. */
  private readSegments(segments: readonly QueueSegment[], limit: number): PartRow[] {
    const rows: PartRow[] = [];
    for (const segment of segments) {
      if (rows.length === limit) break;
      const found = this.queries.rows<QueueRow>(segmentRowsQuery(segment), { limit: limit - rows.length });
      rows.push(...found.map((row) => ({ ...row, part: segment.part })));
    }
    return rows;
  }

  /** The rows a search found, in its order. */
  private rowsOf(hits: readonly SearchHit[]): PartRow[] {
    if (hits.length === 0) return [];
    const ids = JSON.stringify(hits.map((hit) => hit.id));
    const byId = new Map(
      this.queries.rows<QueueRow>({ sql: ROWS_BY_ID_SQL, params: {} }, { ids }).map((row) => [row.id, row]),
    );
    return hits.flatMap(({ id, part }) => {
      const row = byId.get(id);
      return row ? [{ ...row, part }] : [];
    });
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
      status: row.status,
      createdAt: row.created_at,
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
   * Deletes every ticket, note, customer, cursor, waiting addition and refused record of one source in one
   * transaction; refuses while the source has changes waiting in the outbox (a pending intent is never thrown
   * away).
   */
  removeSource(source: string): void {
    this.removeAll(source);
  }

  /** The tickets whose ticket system shows them as `externalId`, of one source or of every source. */
  findByExternalId(externalId: string, source: string | null): Array<{ id: number; source: string }> {
    return this.byExternalId.all({ externalId, source });
  }

  countTickets(source?: string): number {
    return source === undefined ? this.count.get()! : this.countBySource.get(source)!;
  }
}
