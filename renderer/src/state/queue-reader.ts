// Re-reads the queue for a live refresh: from the start, page by page after each page's cursor, until it holds as
// many rows as the list had loaded, so a refresh never shortens what the user has scrolled through.
import type { PiketApi, QueuePage, Result, TicketSummary } from '../../../src/api';

export type QueueArgs = Parameters<PiketApi['listQueue']>[0];

/** The largest `limit` the API accepts. */
export const MAX_LIMIT = 1000;

/**
 * Reads until the queue ends or at least `wanted()` rows are in; `wanted` is asked again after every page, as what
 * is loaded may grow meanwhile. Resolves to null, without reading on, once `current()` says the answer is no
 * longer wanted. A row whose place moved back between two pages comes again: it keeps its first place.
 */
export async function readFromStart(
  listQueue: PiketApi['listQueue'],
  query: Omit<QueueArgs, 'after' | 'limit'>,
  wanted: () => number,
  current: () => boolean,
): Promise<Result<QueuePage> | null> {
  const tickets: TicketSummary[] = [];
  const seen = new Set<number>();
  let nextCursor: string | null = null;
  do {
    const limit = Math.min(MAX_LIMIT, Math.max(1, wanted() - tickets.length));
    const result = await listQueue({ ...query, limit, ...(nextCursor !== null && { after: nextCursor }) });
    if (!current()) return null;
    if (!result.ok) return result;
    for (const ticket of result.value.tickets) {
      if (seen.has(ticket.id)) continue;
      seen.add(ticket.id);
      tickets.push(ticket);
    }
    nextCursor = result.value.nextCursor;
  } while (nextCursor !== null && tickets.length < wanted());
  return { ok: true, value: { tickets, nextCursor } };
}
