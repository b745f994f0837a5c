// The queue's scopes, sort orders and views as names the UI and the core share, free of zod so the UI bundles stay
// small. What each order means is spelled out here; the SQL that serves it is src/store/queue-query.ts.

/**
 * - `open`: every open ticket;
 * - `all`: open and solved tickets;
 * - `needsMe`: the "Needs me now" view — open P1 and P2 tickets, plus every open ticket whose next deadline falls
 *   before the horizon (the end of my shift, or the next 12 hours while no rotation exists). Tickets assigned to
 *   me or to nobody come first, then the rest, each part in the chosen sort; in the urgency order that holds
 *   within each priority, so an open P1 of a colleague still comes before my P2 (see `needsMeParts`).
 */
export const QUEUE_SCOPES = ['open', 'all', 'needsMe'] as const;
export type QueueScope = (typeof QUEUE_SCOPES)[number];

/**
 * Every order ends in the ticket id, so no two rows tie and keyset paging is exact.
 * - `urgency` (the on-call order): priority (P1 first), then the nearest deadline, then oldest first, then id.
 *   An open P1 is never below a lower priority.
 * - `deadline` (the dispatcher's order): the nearest deadline (breached first), then priority, oldest, id.
 * - `updated`: the most recently updated first (ties: the highest id first).
 * - `age`: the oldest first, then id.
 */
export const QUEUE_SORTS = ['urgency', 'deadline', 'updated', 'age'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const DEFAULT_QUEUE_SORT: QueueSort = 'urgency';

/**
 * How many parts the needsMe scope is read in: in the urgency order one pair (mine or unassigned, then the rest)
 * per priority, P1 first; in the other orders one pair.
 */
export function needsMeParts(sort: QueueSort): number {
  return sort === 'urgency' ? 8 : 2;
}

/** How far ahead the needsMe scope looks while no rotation says when my shift ends. */
export const NEEDS_ME_WINDOW_MS = 12 * 60 * 60 * 1000;

/** The needsMe scope lists the open tickets due before this instant. */
export function needsMeHorizon(now: number): number {
  return now + NEEDS_ME_WINDOW_MS;
}

/** The two views of the queue screen, each with its own remembered sort. */
export const QUEUE_VIEWS = ['needsMe', 'queue'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
