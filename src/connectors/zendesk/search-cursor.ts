// The cursor of the search-export fallback (agents without admin rights), kept by the sync as an opaque string.
//
// Search export returns the tickets a query matches, newest created first, in pages whose cursor lasts an hour.
// Piket asks for `updated>=since` and walks every page (a pass); at the end of a pass the next `since` is the
// newest `updated_at` seen minus an overlap (the search index lags behind the tickets a little). The tickets of the
// overlap come back in the next pass: `seen` holds which (ticket, updated_at) were already delivered, so they are
// skipped instead of fetched again. The cursor is committed with each page, so `seen` survives a restart.
const PREFIX = 'search:';
/** How far back each pass reaches before the newest change seen. */
export const SEARCH_OVERLAP_MS = 10 * 60_000;
/** At most this many delivered tickets are remembered; forgetting one only costs fetching it again. */
const MAX_SEEN = 1000;

export interface SearchCursor {
  /** Instant in ms (server time): the pass asks for tickets updated at or after it. */
  since: number;
  /** The search export's cursor within the pass under way; null at the start of a pass. */
  after: string | null;
  /** The newest updated_at seen (ms), 0 before any. */
  high: number;
  /** [ticket id, updated_at ms] delivered at or after `since` (or within the pass under way). */
  seen: [number, number][];
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  return PREFIX + JSON.stringify(cursor);
}

/** The cursor in `text`, or null when `text` is not a search cursor (then the pull starts a new window). */
export function decodeSearchCursor(text: string | null): SearchCursor | null {
  if (!text?.startsWith(PREFIX)) return null;
  try {
    const value = JSON.parse(text.slice(PREFIX.length)) as Partial<SearchCursor>;
    const pairs = Array.isArray(value.seen) ? value.seen : null;
    if (
      typeof value.since !== 'number' ||
      typeof value.high !== 'number' ||
      (value.after !== null && typeof value.after !== 'string') ||
      !pairs?.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(Number.isFinite))
    )
      return null;
    return { since: value.since, after: value.after, high: value.high, seen: pairs };
  } catch {
    return null;
  }
}

export function wasSeen(cursor: SearchCursor, ticketId: number, updatedAt: number): boolean {
  return cursor.seen.some(([id, at]) => id === ticketId && at === updatedAt);
}

/**
 * The cursor after a page: `delivered` joins `seen`, `high` moves up; at the end of a pass (`after` null) `since`
 * moves to the newest change seen minus the overlap and only what is still inside the overlap stays in `seen`.
 */
export function advanceSearchCursor(
  cursor: SearchCursor,
  delivered: readonly [number, number][],
  after: string | null,
): SearchCursor {
  const high = Math.max(cursor.high, ...delivered.map(([, at]) => at));
  const since = after === null ? Math.max(cursor.since, high - SEARCH_OVERLAP_MS) : cursor.since;
  const floor = Math.max(since, high - SEARCH_OVERLAP_MS);
  const seen = [...cursor.seen, ...delivered]
    .filter(([, at]) => at >= floor)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SEEN);
  return { since, after, high, seen };
}
