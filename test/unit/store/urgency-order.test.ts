// The urgency order (the on-call order, and the default): priority first, then the nearest deadline, oldest, id.
// Over a table of tickets, and over any tickets: an open P1 is never below a lower priority.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueQuerySchema } from '../../../src/api/schemas';
import { PRIORITIES, type Priority } from '../../../src/domain/ticket';
import { migrate } from '../../../src/store/migrations';
import { PullStore } from '../../../src/store/pull-store';
import { NO_DEADLINE, TicketStore } from '../../../src/store/ticket-store';
import { customerRecord, ticketRecord } from '../../support/records';

const T0 = Date.UTC(2026, 10, 26, 3, 0);
const MINUTE = 60_000;

interface Row {
  externalId: string;
  priority: Priority;
  /** Minutes from T0 to the next deadline (negative: breached), or null for none. */
  due: number | null;
  /** Minutes from T0 to creation. */
  created: number;
}

/** A store holding the rows (ids in row order) with their deadlines, and its open queue in urgency order. */
function urgencyOrder(rows: readonly Row[]): string[] {
  const db = new Database(':memory:');
  try {
    migrate(db);
    const store = new TicketStore(db, { now: () => T0 });
    const { changedTicketIds } = new PullStore(db, { now: () => T0 }).applyPage(
      'demo',
      'tickets',
      {
        customers: [customerRecord({ source: 'demo', externalId: 'acme', updatedAt: T0 })],
        tickets: rows.map((row) =>
          ticketRecord({
            source: 'demo',
            externalId: row.externalId,
            customerExternalId: 'acme',
            priority: row.priority,
            createdAt: T0 + row.created * MINUTE,
            updatedAt: T0,
          }),
        ),
      },
      'c1',
    );
    store.setDueSorts(
      rows.map((row, i) => ({
        id: changedTicketIds[i]!,
        dueSort: row.due === null ? NO_DEADLINE : T0 + row.due * MINUTE,
      })),
    );
    const query = queueQuerySchema.parse({ limit: 1000 });
    expect(query.sort).toBe('urgency');
    return store.listQueue(query, ['Sanne']).tickets.map((ticket) => ticket.externalId);
  } finally {
    db.close();
  }
}

describe('the urgency order', () => {
  it('puts priority first, then the nearest deadline (breached first, none last), then the oldest, then id', () => {
    const table: Row[] = [
      { externalId: 'P3 breached four days ago', priority: 'P3', due: -4 * 24 * 60, created: -5 * 24 * 60 },
      { externalId: 'P1 due in three hours', priority: 'P1', due: 180, created: -60 },
      { externalId: 'P1 breached 2½ hours ago', priority: 'P1', due: -150, created: -400 },
      { externalId: 'P2 without a deadline', priority: 'P2', due: null, created: -30 },
      { externalId: 'P2 due in an hour', priority: 'P2', due: 60, created: -10 },
      { externalId: 'P4 breached', priority: 'P4', due: -600, created: -2000 },
      { externalId: 'P3 due in a day, older', priority: 'P3', due: 24 * 60, created: -90 },
      { externalId: 'P3 due in a day, newer', priority: 'P3', due: 24 * 60, created: -20 },
      { externalId: 'P3 due in a day, newer, higher id', priority: 'P3', due: 24 * 60, created: -20 },
    ];
    expect(urgencyOrder(table)).toEqual([
      'P1 breached 2½ hours ago',
      'P1 due in three hours',
      'P2 due in an hour',
      'P2 without a deadline',
      'P3 breached four days ago',
      'P3 due in a day, older',
      'P3 due in a day, newer',
      'P3 due in a day, newer, higher id',
      'P4 breached',
    ]);
  });

  it('never puts a lower priority above an open P1, and sorts any tickets by (priority, deadline, age, id)', () => {
    const row = fc.record({
      priority: fc.constantFrom(...PRIORITIES),
      due: fc.option(fc.integer({ min: -10_000, max: 10_000 }), { nil: null }),
      created: fc.integer({ min: -20_000, max: 0 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 25 }), (generated) => {
        const rows = generated.map((r, i) => ({ ...r, externalId: `t${i}` }));
        const order = urgencyOrder(rows);
        const byId = new Map(rows.map((r, i) => [r.externalId, { ...r, index: i }]));
        const ranked = order.map((externalId) => byId.get(externalId)!);
        const firstBelowP1 = ranked.findIndex((r) => r.priority !== 'P1');
        const lastP1 = ranked.findLastIndex((r) => r.priority === 'P1');
        expect(firstBelowP1 === -1 || lastP1 < firstBelowP1).toBe(true);
        const sorted = [...ranked].sort(
          (a, b) =>
            a.priority.localeCompare(b.priority) ||
            (a.due ?? Infinity) - (b.due ?? Infinity) ||
            a.created - b.created ||
            a.index - b.index,
        );
        expect(ranked).toEqual(sorted);
      }),
      { numRuns: 60 },
    );
  });
});
