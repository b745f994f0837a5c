// A search in the queue: the ids of the first rows of one queue segment, in its order, that match a full-text
// query, found without collecting and sorting every match when the words are common.
import { SORT_KEYS } from '../api/queue-cursor';
import type { Priority } from '../domain/ticket';
import {
  rowKeyQuery,
  SEARCH_HITS_SQL,
  segmentIdsQuery,
  segmentMatchesQuery,
  type BuiltQuery,
  type QueueSegment,
} from './queue-query';

/** Runs built queries (with extra parameters such as `limit`); the store caches the statements. */
export interface QueryRunner {
  /** The rows as objects. */
  rows<Row>(query: BuiltQuery, extra: Record<string, string | number>): Row[];
  /** The first column of each row (cheaper than objects for thousands of ids). */
  column<Value>(query: BuiltQuery, extra: Record<string, string | number>): Value[];
}

export interface SearchTuning {
  /** How many rows of the order the first round takes as candidates. */
  firstRound: number;
  /** The most candidates one round takes (the candidate list is a JSON array bound to the statement). */
  maxRound: number;
  /** A search matching at most this many tickets is cheaper driven by the full-text index than by the order. */
  driveMax: number;
}

/** Measured with `npm run bench` at 100k tickets (see the search figures there). */
export const SEARCH_TUNING: SearchTuning = { firstRound: 3_000, maxRound: 32_000, driveMax: 3_000 };

/** A row a search found, and the part of the needsMe scope it is in (0 elsewhere). */
export interface SearchHit {
  id: number;
  part: number;
}

/**
 * The first `limit` rows of the segments (read one after the other, as one order) that match `search` (an FTS5
 * query), in that order.
 *
 * Collecting every match and sorting it costs time in proportion to the matches (a word in most tickets: tens of
 * milliseconds at 100k tickets), and testing each row of the order against the full-text index costs a full
 * evaluation of the query per row (a prefix query: milliseconds each). So the order drives, in rounds: the next
 * candidates are read from the order's index alone (continuing into the next segment when one ends), and one pass
 * over the search's matches says which of them match and how many tickets match in all. A common word fills the
 * page in the first round. When the page is not full and the search matches few tickets, the rest is driven by the
 * full-text index instead (few matches to look up and sort); otherwise the next round takes as many candidates as
 * the hits so far suggest the page still needs.
 */
export function searchSegments(
  run: QueryRunner,
  segments: readonly QueueSegment[],
  search: string,
  limit: number,
  tuning: SearchTuning = SEARCH_TUNING,
): SearchHit[] {
  const found: SearchHit[] = [];
  /** The segments still to read, the first from its `after`. */
  let rest = [...segments];
  let size = tuning.firstRound;
  let scanned = 0;
  for (;;) {
    const candidates: SearchHit[] = [];
    let last: number | null = null;
    while (rest[0] !== undefined && candidates.length < size) {
      const wanted = size - candidates.length;
      const { part } = rest[0];
      const ids = run.column<number>(segmentIdsQuery(rest[0]), { limit: wanted });
      candidates.push(...ids.map((id) => ({ id, part })));
      if (ids.length === wanted) last = ids.at(-1)!;
      else rest = rest.slice(1);
    }
    if (candidates.length === 0) return found;
    const { total, hits } = run.rows<{ total: number; hits: string }>(
      { sql: SEARCH_HITS_SQL, params: {} },
      { search, candidates: JSON.stringify(candidates.map((candidate) => candidate.id)) },
    )[0]!;
    const matched = new Set(JSON.parse(hits) as number[]);
    for (const candidate of candidates) {
      if (matched.has(candidate.id)) found.push(candidate);
      if (found.length === limit) return found;
    }
    const [current, ...later] = rest;
    // Done when every row was read, or every match was found (candidates never repeat across rounds).
    if (current === undefined || last === null || found.length === total) return found;
    const [key] = run.rows<Record<string, Priority | number>>(rowKeyQuery(current.sort), { id: last });
    rest = [{ ...current, after: SORT_KEYS[current.sort].map((_, i) => key![`k${i}`]!) }, ...later];
    scanned += candidates.length;
    if (total <= tuning.driveMax) {
      for (const segment of rest) {
        const ids = run.column<number>(segmentMatchesQuery(segment), { search, limit: limit - found.length });
        found.push(...ids.map((id) => ({ id, part: segment.part })));
        if (found.length === limit) break;
      }
      return found;
    }
    const needed = limit - found.length;
    const expected = found.length === 0 ? size * 8 : Math.ceil(((needed * scanned) / found.length) * 1.5);
    size = Math.min(tuning.maxRound, Math.max(size, expected));
  }
}
