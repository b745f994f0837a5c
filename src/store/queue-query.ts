// Builds the SQL of the queue: which rows a query covers (scope, filters, the parts of the needsMe scope), in which
// order, from where (the keyset cursor), and the statements a search runs. TicketStore runs them.
import { SORT_KEYS, type QueueKeyField } from '../api/queue-cursor';
import { needsMeParts, type QueueSort } from '../api/queue-order';
import type { QueueQuery } from '../api/schemas';
import { PRIORITIES, type Priority } from '../domain/ticket';

export const SUMMARY_COLUMNS = `t.id, t.source, t.external_id, t.customer_id,
  coalesce(c.name, t.customer_id) AS customer_name, t.subject, t.priority, t.status, t.kind, t.cve_id, t.assignee,
  t.created_at, t.updated_at, t.has_pending, t.severity, t.first_response_at, t.resolved_at, t.history`;

/** Who is asking, for the parts of the queue that depend on it. */
export interface QueueViewer {
  /**
   * The names the user goes by (the `me` setting and each connection's login name): "mine" filters and the first
   * part of the needsMe scope.
   */
  me: readonly string[];
  /** The needsMe scope lists every open ticket whose next deadline (`due_sort`) is before this instant. */
  needsMeBefore: number;
}

const COLUMN_OF: Record<QueueKeyField, string> = {
  priority: 't.priority',
  dueSort: 't.due_sort',
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
  id: 't.id',
};

/**
 * The index that serves each order, per scope (migrations 002 and 005). Each starts with the order's key, so SQLite
 * walks it instead of sorting, and carries is_open, priority, due_sort, status, customer and assignee, so every
 * filter and the needsMe conditions are checked in the index. Only the deadline order has a partial index for the
 * open scope (`WHERE is_open = 1`); the others walk their index over all tickets and skip the closed ones in it.
 */
const INDEXES: Record<QueueSort, { open: string; all: string }> = {
  urgency: { open: 'ticket_effective_all_urgency', all: 'ticket_effective_all_urgency' },
  deadline: { open: 'ticket_effective_open_queue', all: 'ticket_effective_all_queue' },
  updated: { open: 'ticket_effective_all_updated', all: 'ticket_effective_all_updated' },
  age: { open: 'ticket_effective_all_age', all: 'ticket_effective_all_age' },
};

/** The orders read newest first; every other order is ascending. */
const DESCENDING: ReadonlySet<QueueSort> = new Set(['updated']);

/** The needsMe scope: open P1 and P2 tickets, and every open ticket due before the horizon. */
export const NEEDS_ME = "(t.priority IN ('P1', 'P2') OR t.due_sort < @needsMeBefore)";
const MINE = 't.assignee IN (SELECT value FROM json_each(@me))';
const MINE_OR_NOBODYS = `(${MINE} OR t.assignee IS NULL)`;
const SOMEONE_ELSES = 't.assignee NOT IN (SELECT value FROM json_each(@me))';

/**
 * Its parts, in this order: the tickets assigned to me or to nobody, then the ones assigned to someone else; in
 * the urgency order that pair per priority, P1 first, so no lower priority comes above an open P1.
 */
function needsMePartConditions(sort: QueueSort): string[] {
  const pair = [MINE_OR_NOBODYS, SOMEONE_ELSES];
  const parts =
    sort === 'urgency'
      ? PRIORITIES.flatMap((priority) =>
          pair.map((condition) => `t.priority = '${priority}' AND ${condition}`),
        )
      : pair;
  if (parts.length !== needsMeParts(sort)) throw new Error(`needsMe parts of ${sort} out of step`);
  return parts;
}

/**
 * One run of rows in one order, as an index walks it: the whole queue, or one part of the needsMe scope.
 *
 * Pages are keyset pages. The key of every order ends in the id, so no two rows share a key, and the rows after a
 * cursor are those whose key is greater (for `updated`, smaller) than the cursor's, which the order's index serves
 * as a range; in the needsMe scope the cursor also names the part, and the second part follows the first. What a
 * walk page by page guarantees while the queue changes under it, in every scope and order: a row whose key (and
 * part) did not change is never skipped and never returned twice. A row whose key moved from before the cursor to
 * after it (a deadline moved, a ticket was updated) is returned again at its new place; one that moved from after
 * the cursor to before it is not on the later pages, and appears at its new place on the next read from the start
 * (a live change makes the UI re-read). A row that joins or leaves the needsMe scope or a part is the same: it is
 * on a later page when its new place is after the cursor, and on the next read from the start otherwise.
 */
export interface QueueSegment {
  sort: QueueSort;
  part: number;
  index: string;
  /** Scope, filter and part conditions, without the keyset and the search. */
  where: readonly string[];
  params: Readonly<Record<string, string | number>>;
  /** The key to continue after (one value per field of `SORT_KEYS[sort]`), or null to start at the beginning. */
  after: ReadonlyArray<Priority | number> | null;
}

/**
 * The segments a query reads, in order: one, or for the needsMe scope its two parts (only the second once the
 * cursor is in it). Each list filter binds one JSON array, so the number of distinct statements stays bounded (one
 * per combination of filters, order, part and cursor or not) and callers can cache them by SQL text.
 */
export function queueSegments(query: QueueQuery, viewer: QueueViewer): QueueSegment[] {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (query.scope !== 'all') where.push('t.is_open = 1');
  if (query.priorities) {
    where.push('t.priority IN (SELECT value FROM json_each(@priorities))');
    params.priorities = JSON.stringify(query.priorities);
  }
  if (query.statuses) {
    where.push('t.status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(query.statuses);
  }
  if (query.customerIds) {
    where.push('t.customer_id IN (SELECT value FROM json_each(@customerIds))');
    params.customerIds = JSON.stringify(query.customerIds);
  }
  if (query.mine) {
    where.push(MINE);
    params.me = JSON.stringify(viewer.me);
  }
  const index = INDEXES[query.sort][query.scope === 'all' ? 'all' : 'open'];
  const after = query.after?.key ?? null;
  if (query.scope !== 'needsMe') return [{ sort: query.sort, part: 0, index, where, params, after }];

  const needsMe = { ...params, me: JSON.stringify(viewer.me), needsMeBefore: viewer.needsMeBefore };
  const segments = needsMePartConditions(query.sort).map((condition, part): QueueSegment => ({
    sort: query.sort,
    part,
    index,
    where: [...where, NEEDS_ME, condition],
    params: needsMe,
    after: null,
  }));
  const from = query.after?.part ?? 0;
  return segments.slice(from).map((segment, i) => (i === 0 ? { ...segment, after } : segment));
}

function orderBy(sort: QueueSort): string {
  const direction = DESCENDING.has(sort) ? ' DESC' : '';
  return SORT_KEYS[sort].map((field) => `${COLUMN_OF[field]}${direction}`).join(', ');
}

/** The conditions and parameters of a segment, its keyset included. */
function bound(segment: QueueSegment): { where: string[]; params: Record<string, string | number> } {
  const params: Record<string, string | number> = { ...segment.params };
  if (segment.after === null) return { where: [...segment.where], params };
  const fields = SORT_KEYS[segment.sort];
  segment.after.forEach((value, i) => (params[`after${i}`] = value));
  const columns = fields.map((field) => COLUMN_OF[field]).join(', ');
  const values = fields.map((_, i) => `@after${i}`).join(', ');
  const op = DESCENDING.has(segment.sort) ? '<' : '>';
  return { where: [...segment.where, `(${columns}) ${op} (${values})`], params };
}

function whereClause(where: readonly string[]): string {
  return where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
}

export interface BuiltQuery {
  sql: string;
  params: Record<string, string | number>;
}

/**
 * The rows of a segment, in its order, `@limit` at most. `INDEXED BY` pins the walk of the order's index: without
 * statistics (a fresh database before its first `PRAGMA optimize`) the planner may pick another index and sort, and
 * a schema change that made the index unusable fails loudly at prepare.
 */
export function segmentRowsQuery(segment: QueueSegment): BuiltQuery {
  const { where, params } = bound(segment);
  return {
    sql: `SELECT ${SUMMARY_COLUMNS}, t.due_sort
      FROM ticket_effective t INDEXED BY ${segment.index}
      LEFT JOIN customers c ON c.id = t.customer_id
      ${whereClause(where)}
      ORDER BY ${orderBy(segment.sort)}
      LIMIT @limit`,
    params,
  };
}

/** The ids of the next `@limit` rows of a segment, read from its index alone (a search's candidates). */
export function segmentIdsQuery(segment: QueueSegment): BuiltQuery {
  const { where, params } = bound(segment);
  return {
    sql: `SELECT t.id
      FROM ticket_effective t INDEXED BY ${segment.index}
      ${whereClause(where)}
      ORDER BY ${orderBy(segment.sort)}
      LIMIT @limit`,
    params,
  };
}

/** The key of ticket `@id` in `sort`: columns `k0`, `k1`, … for the fields of `SORT_KEYS[sort]`, in order. */
export function rowKeyQuery(sort: QueueSort): BuiltQuery {
  const columns = SORT_KEYS[sort].map((field, i) => `${COLUMN_OF[field]} AS k${i}`).join(', ');
  return { sql: `SELECT ${columns} FROM ticket_effective t WHERE t.id = @id`, params: {} };
}

/**
 * The ids of the first `@limit` rows of a segment that match `@search`, driven by the full-text index: every
 * match is looked up and the survivors sorted. Cheap when the search matches few tickets, whatever the order.
 * `NOT INDEXED` keeps the planner from walking an order index and testing each row against all matches.
 */
export function segmentMatchesQuery(segment: QueueSegment): BuiltQuery {
  const { where, params } = bound(segment);
  return {
    sql: `SELECT t.id
      FROM ticket_effective t NOT INDEXED
      ${whereClause([...where, 't.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH @search)'])}
      ORDER BY ${orderBy(segment.sort)}
      LIMIT @limit`,
    params,
  };
}

/**
 * Which of the candidate ids (`@candidates`, a JSON array) match `@search`, and how many tickets match it in all,
 * in one pass over the search's matches: `hits` is a JSON array of ids. The unary `+` keeps the candidate list
 * from becoming a rowid lookup per candidate, which costs a full evaluation of a prefix query each time.
 */
export const SEARCH_HITS_SQL = `SELECT count(*) AS total,
    json_group_array(rowid) FILTER (WHERE +rowid IN (SELECT value FROM json_each(@candidates))) AS hits
  FROM ticket_fts WHERE ticket_fts MATCH @search`;

/** Rows by id (`@ids`, a JSON array), in no particular order. */
export const ROWS_BY_ID_SQL = `SELECT ${SUMMARY_COLUMNS}, t.due_sort
  FROM ticket_effective t LEFT JOIN customers c ON c.id = t.customer_id
  WHERE t.id IN (SELECT value FROM json_each(@ids))`;
