// The queue's orders and the needsMe scope on a real database file: each scope in each sort, who and what needs me
// now and in which parts, and a search in rounds returning exactly the matching rows of the order, whichever way
// (first round, more rounds, or driven by the full-text index) it finds them.
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUEUE_SCOPES, QUEUE_SORTS, type QueueScope, type QueueSort } from '../../../src/api/queue-order';
import { queueQuerySchema, type ArgsIn } from '../../../src/api/schemas';
import type { Priority, TicketStatus } from '../../../src/domain/ticket';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { toFtsQuery } from '../../../src/store/fts-query';
import {
  queueSegments,
  SEARCH_HITS_SQL,
  segmentRowsQuery,
  type BuiltQuery,
  type QueueSegment,
} from '../../../src/store/queue-query';
import {
  searchSegments,
  type QueryRunner,
  type SearchHit,
  type SearchTuning,
} from '../../../src/store/queue-search';
import { PullStore } from '../../../src/store/pull-store';
import { NO_DEADLINE, TicketStore } from '../../../src/store/ticket-store';
import { customer, SOURCE, T0, ticket, useTempDirs } from './support';

const tempDir = useTempDirs();
const ME = 'Sanne';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The store's clock: the needsMe scope looks 12 hours ahead of it, to T0 + 12 h + 42 ms. */
const NOW = T0 + 42;

let db: Database.Database;
let store: TicketStore;
let pulls: PullStore;

beforeEach(() => {
  db = openDatabase(`${tempDir()}/piket.db`).db;
  store = new TicketStore(db, { now: () => NOW });
  pulls = new PullStore(db, { now: () => NOW });
});

afterEach(() => {
  closeDatabase(db);
});

function idOf(externalId: string): number {
  return db
    .prepare<[string], number>('SELECT id FROM ticket_effective WHERE external_id = ?')
    .pluck()
    .get(externalId)!;
}

function externalIds(query: ArgsIn<'listQueue'>, needsMeBefore?: number): string[] {
  return store
    .listQueue(queueQuerySchema.parse({ limit: 1000, ...query }), [ME], needsMeBefore)
    .tickets.map((t) => t.externalId);
}

describe('queue orders and the needsMe scope', () => {
  interface Row {
    externalId: string;
    priority: Priority;
    assignee: string | null;
    created: number;
    updated: number;
    due: number;
    status?: TicketStatus;
  }
  // In insertion order, so ids ascend down this table.
  const ROWS: Row[] = [
    {
      externalId: 'a',
      priority: 'P1',
      assignee: null,
      created: MINUTE,
      updated: 30 * MINUTE,
      due: -2 * HOUR,
    },
    {
      externalId: 'b',
      priority: 'P1',
      assignee: ME,
      created: 2 * MINUTE,
      updated: 10 * MINUTE,
      due: 3 * HOUR,
    },
    { externalId: 'c', priority: 'P2', assignee: 'Joris', created: 0, updated: 40 * MINUTE, due: 20 * HOUR },
    {
      externalId: 'd',
      priority: 'P3',
      assignee: null,
      created: -4 * DAY,
      updated: 5 * MINUTE,
      due: -4 * DAY,
    },
    {
      externalId: 'e',
      priority: 'P3',
      assignee: 'Joris',
      created: 3 * MINUTE,
      updated: 50 * MINUTE,
      due: 6 * HOUR,
      status: 'acknowledged',
    },
    {
      externalId: 'f',
      priority: 'P4',
      assignee: ME,
      created: 4 * MINUTE,
      updated: 20 * MINUTE,
      due: 2 * DAY,
    },
    {
      externalId: 'g',
      priority: 'P2',
      assignee: null,
      created: 5 * MINUTE,
      updated: 50 * MINUTE,
      due: NO_DEADLINE,
      status: 'in_progress',
    },
    {
      externalId: 'h',
      priority: 'P4',
      assignee: null,
      created: 6 * MINUTE,
      updated: MINUTE,
      due: NO_DEADLINE,
    },
    {
      externalId: 'i',
      priority: 'P1',
      assignee: null,
      created: 0,
      updated: 60 * MINUTE,
      due: NO_DEADLINE,
      status: 'resolved',
    },
  ];

  beforeEach(() => {
    pulls.applyPage(
      SOURCE,
      'tickets',
      {
        customers: [customer('acme')],
        tickets: ROWS.map((row) =>
          ticket(row.externalId, {
            priority: row.priority,
            assignee: row.assignee,
            createdAt: T0 + row.created,
            updatedAt: T0 + row.updated,
            status: row.status ?? 'new',
          }),
        ),
      },
      'c1',
    );
    store.setDueSorts(
      ROWS.map((row) => ({
        id: idOf(row.externalId),
        dueSort: row.due === NO_DEADLINE ? row.due : T0 + row.due,
      })),
    );
  });

  it('lists each scope in each sort', () => {
    const expected: Record<QueueScope, Record<QueueSort, string>> = {
      open: {
        // P1 by deadline, P2 (no deadline last), P3, P4.
        urgency: 'abcgdefh',
        // Breached first, then due soonest; no deadline last, by priority.
        deadline: 'dabecfgh',
        // Newest update first; e and g share one, the higher id first.
        updated: 'gecafbdh',
        age: 'dcabefgh',
      },
      all: {
        urgency: 'abicgdefh',
        deadline: 'dabecfigh',
        updated: 'igecafbdh',
        age: 'dciabefgh',
      },
      // Mine or unassigned (a, b, d, g), then the rest (c, e); f (P4, due in two days) and h (P4, no deadline)
      // do not need me yet.
      needsMe: {
        urgency: 'abgcde',
        deadline: 'dabgec',
        updated: 'gabdec',
        age: 'dabgce',
      },
    };
    for (const scope of QUEUE_SCOPES) {
      for (const sort of QUEUE_SORTS) {
        expect(externalIds({ scope, sort }).join(''), `${scope} ${sort}`).toBe(expected[scope][sort]);
      }
    }
  });

  it('needs me for open P1 and P2 tickets and whatever falls due before the horizon, mine or unassigned first within each priority', () => {
    // Urgency: a colleague's P2 (c) still comes before an unassigned P3 (d); within a priority, mine or nobody's first.
    expect(externalIds({ scope: 'needsMe' })).toEqual(['a', 'b', 'g', 'c', 'd', 'e']);
    // The resolved P1 never; f (P4) once the horizon passes its deadline; h (P4, no deadline) never.
    expect(externalIds({ scope: 'needsMe' }, T0 + 3 * DAY)).toEqual(['a', 'b', 'g', 'c', 'd', 'e', 'f']);
    // A horizon before e's deadline leaves e out; d's and a's deadlines have passed, so they stay.
    expect(externalIds({ scope: 'needsMe' }, T0 + HOUR)).toEqual(['a', 'b', 'g', 'c', 'd']);
    expect(store.getQueueStats([ME]).needsMe).toBe(6);
    expect(store.getQueueStats([ME], T0 + HOUR).needsMe).toBe(5);
    // Whose tickets come first follows the name.
    expect(
      store
        .listQueue(queueQuerySchema.parse({ scope: 'needsMe' }), ['Joris'])
        .tickets.map((t) => t.externalId),
    ).toEqual(['a', 'b', 'c', 'g', 'd', 'e']);
    // In another order, mine or nobody's come first across priorities.
    expect(externalIds({ scope: 'needsMe', sort: 'deadline' })).toEqual(['d', 'a', 'b', 'g', 'e', 'c']);
  });

  it('applies the filters within the needsMe scope, in both parts', () => {
    expect(externalIds({ scope: 'needsMe', priorities: ['P2', 'P3'] })).toEqual(['g', 'c', 'd', 'e']);
    expect(externalIds({ scope: 'needsMe', mine: true })).toEqual(['b']);
    expect(externalIds({ scope: 'needsMe', statuses: ['acknowledged', 'in_progress'] })).toEqual(['g', 'e']);
    expect(externalIds({ scope: 'needsMe', search: 'ticket', sort: 'age' })).toEqual([
      'd',
      'a',
      'b',
      'g',
      'c',
      'e',
    ]);
  });

  it('pages the needsMe scope from part to part (in the urgency order, a mine-or-nobody and a rest part per priority)', () => {
    const first = store.listQueue(queueQuerySchema.parse({ scope: 'needsMe', limit: 4 }), [ME]);
    expect(first.tickets.map((t) => t.externalId)).toEqual(['a', 'b', 'g', 'c']);
    expect(first.nextCursor).toMatch(/^q2:needsMe:urgency:3:/);
    const second = store.listQueue(
      queueQuerySchema.parse({ scope: 'needsMe', limit: 1, after: first.nextCursor }),
      [ME],
    );
    expect(second.tickets.map((t) => t.externalId)).toEqual(['d']);
    expect(second.nextCursor).toMatch(/^q2:needsMe:urgency:4:/);
    const last = store.listQueue(queueQuerySchema.parse({ scope: 'needsMe', after: second.nextCursor }), [
      ME,
    ]);
    expect(last).toMatchObject({ nextCursor: null });
    expect(last.tickets.map((t) => t.externalId)).toEqual(['e']);
  });
});

describe('a search in rounds', () => {
  /** Word i is in ticket n when n % (i + 1) === 0: "w0" in every ticket, "w1" in every other one, and so on. */
  const WORDS = 12;
  const TICKETS = 120;

  beforeEach(() => {
    const words = (n: number): string =>
      Array.from({ length: WORDS }, (_, i) => (n % (i + 1) === 0 ? `w${i}` : ''))
        .filter(Boolean)
        .join(' ');
    pulls.applyPage(
      SOURCE,
      'tickets',
      {
        customers: [customer('acme')],
        tickets: Array.from({ length: TICKETS }, (_, n) =>
          ticket(`t${n}`, {
            subject: words(n),
            priority: (['P1', 'P2', 'P3', 'P4'] as const)[(n * 7) % 4],
            status: n % 5 === 0 ? 'resolved' : 'new',
            assignee: n % 3 === 0 ? ME : n % 3 === 1 ? null : 'Joris',
            createdAt: T0 + ((n * 37) % TICKETS) * MINUTE,
            updatedAt: T0 + ((n * 53) % TICKETS) * MINUTE,
          }),
        ),
      },
      'c1',
    );
    store.setDueSorts(
      Array.from({ length: TICKETS }, (_, n) => ({
        id: idOf(`t${n}`),
        dueSort: n % 4 === 0 ? NO_DEADLINE : T0 + ((n * 11) % TICKETS) * HOUR,
      })),
    );
  });

  /** Runs statements and counts which kind of step each was. */
  function runner(steps: Record<'candidates' | 'hits' | 'driven', number>): QueryRunner {
    const count = (sql: string): void => {
      if (sql === SEARCH_HITS_SQL) steps.hits += 1;
      else if (sql.includes('NOT INDEXED')) steps.driven += 1;
      else if (sql.includes('INDEXED BY')) steps.candidates += 1;
    };
    return {
      rows: <Row>({ sql, params }: BuiltQuery, extra: Record<string, string | number>): Row[] => {
        count(sql);
        return db.prepare(sql).all({ ...params, ...extra }) as Row[];
      },
      column: <Value>({ sql, params }: BuiltQuery, extra: Record<string, string | number>): Value[] => {
        count(sql);
        return db
          .prepare(sql)
          .pluck()
          .all({ ...params, ...extra }) as Value[];
      },
    };
  }

  /** The segments' rows in order, filtered by the search's matches: what any search path must return. */
  function expected(segments: readonly QueueSegment[], search: string, limit: number): SearchHit[] {
    const matches = new Set(
      db
        .prepare<[string], number>('SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?')
        .pluck()
        .all(search),
    );
    return segments
      .flatMap((segment) => {
        const { sql, params } = segmentRowsQuery(segment);
        const rows = db.prepare(sql).all({ ...params, limit: TICKETS }) as { id: number }[];
        return rows.map((row) => ({ id: row.id, part: segment.part }));
      })
      .filter((hit) => matches.has(hit.id))
      .slice(0, limit);
  }

  it('returns exactly the matching rows of the order, in every scope and sort, by every path', () => {
    const tuning: SearchTuning = { firstRound: 4, maxRound: 32, driveMax: 12 };
    const steps = { candidates: 0, hits: 0, driven: 0 };
    let multiRound = 0;
    let bothParts = 0;
    for (const scope of QUEUE_SCOPES) {
      for (const sort of QUEUE_SORTS) {
        for (const filter of [{}, { mine: true }, { priorities: ['P1' as const] }]) {
          const query = queueQuerySchema.parse({ scope, sort, ...filter });
          const segments = queueSegments(query, { me: [ME], needsMeBefore: T0 + 40 * HOUR });
          for (const words of ['w0', 'w1', 'w2 w3', 'w5', 'w10', 'w11', 'w1 w11', 'nothing']) {
            const search = toFtsQuery(words)!;
            for (const limit of [1, 3, 10, 200]) {
              const before = steps.hits;
              const found = searchSegments(runner(steps), segments, search, limit, tuning);
              expect(found, JSON.stringify({ scope, sort, filter, words, limit })).toEqual(
                expected(segments, search, limit),
              );
              if (steps.hits - before > 1) multiRound += 1;
              if (scope === 'needsMe' && new Set(found.map((hit) => hit.part)).size === 2) bothParts += 1;
            }
          }
        }
      }
    }
    // Every path was taken: filled by rounds, more than one round, driven by the full-text index.
    expect(steps.driven).toBeGreaterThan(0);
    expect(multiRound).toBeGreaterThan(0);
    expect(steps.candidates).toBeGreaterThan(steps.driven);
    // Pages that run on from the first needsMe part into the second.
    expect(bothParts).toBeGreaterThan(0);
  });

  it('is what listQueue returns, in every scope and sort', () => {
    for (const scope of QUEUE_SCOPES) {
      for (const sort of QUEUE_SORTS) {
        const query = queueQuerySchema.parse({ scope, sort, search: 'w1', limit: 1000 });
        const segments = queueSegments(query, { me: [ME], needsMeBefore: T0 + 40 * HOUR });
        const ids = store.listQueue(query, [ME], T0 + 40 * HOUR).tickets.map((t) => t.id);
        expect(ids).toEqual(expected(segments, toFtsQuery('w1')!, 1000).map((hit) => hit.id));
        expect(ids.length).toBeGreaterThan(10);
      }
    }
  });
});
