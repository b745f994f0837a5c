// Builds the SQL and parameters of one queue query: open (or all) tickets, filtered, in queue order.
import type { QueueQuery } from '../api/schemas';
import { toFtsQuery } from './fts-query';

export const SUMMARY_COLUMNS = `t.id, t.source, t.external_id, t.customer_id,
  coalesce(c.name, t.customer_id) AS customer_name, t.subject, t.priority, t.status, t.kind, t.cve_id, t.assignee,
  t.created_at, t.updated_at, t.has_pending, t.severity, t.first_response_at, t.resolved_at, t.history`;

export interface BuiltQuery {
  sql: string;
  params: Record<string, string | number>;
}

/**
 * Each list filter binds one JSON array, so the number of distinct statements is bounded (one per combination
 * of filters, with or without a cursor) and callers can cache them by SQL text. The order (due_sort, priority,
 * created_at, id) is the order of the queue indexes, so SQLite walks an index instead of sorting. `INDEXED BY`
 * pins that plan: without statistics (a fresh database before its first `PRAGMA optimize`) the planner may pick
 * the all-tickets index for the open queue, and a future schema change that made the index unusable fails loudly
 * at prepare. A search is driven by its FTS matches instead, sorting only those.
 *
 * Pages are keyset pages: a page after a cursor holds the rows whose key `(due_sort, priority, created_at, id)`
 * is greater than the cursor's, which the index serves as a range. The key is unique (it ends in the id), so
 * what a walk page by page guarantees while the queue changes under it is: a row whose key did not change is
 * never skipped and never returned twice. A row whose due_sort moved from before the cursor to after it is
 * returned again at its new place; one that moved from after the cursor to before it is not on the later
 * pages, and appears at its new place on the next read from the start (a live change makes the UI re-read).
 * Fetches `limit + 1` rows (with `due_sort`, for the next cursor) so the caller can tell whether there are more.
 */
export function buildQueueQuery(query: QueueQuery, me: string): BuiltQuery {
  const where: string[] = [];
  const params: BuiltQuery['params'] = { limit: query.limit + 1 };
  if (query.scope === 'open') where.push('t.is_open = 1');
  if (query.after) {
    where.push(
      '(t.due_sort, t.priority, t.created_at, t.id) > (@afterDueSort, @afterPriority, @afterCreatedAt, @afterId)',
    );
    params.afterDueSort = query.after.dueSort;
    params.afterPriority = query.after.priority;
    params.afterCreatedAt = query.after.createdAt;
    params.afterId = query.after.id;
  }
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
    where.push('t.assignee = @me');
    params.me = me;
  }
  const search = query.search === undefined ? null : toFtsQuery(query.search);
  if (search !== null) {
    where.push('t.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH @search)');
    params.search = search;
  }
  const queueIndex = query.scope === 'open' ? 'ticket_effective_open_queue' : 'ticket_effective_all_queue';
  const sql = `SELECT ${SUMMARY_COLUMNS}, t.due_sort
    FROM ticket_effective t ${search === null ? `INDEXED BY ${queueIndex}` : ''}
    LEFT JOIN customers c ON c.id = t.customer_id
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY t.due_sort, t.priority, t.created_at, t.id
    LIMIT @limit`;
  return { sql, params };
}
