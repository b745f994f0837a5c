// Migration 005 on a schema-4 database that already holds tickets: one index per new queue order (urgency, last
// update, age) over all tickets, each serving its order in both scopes without a sort, with every row kept.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, userVersion } from '../../../../src/store/migrations';
import { migration005 } from '../../../../src/store/migrations/005-queue-orders';

const SCHEMA_4 = MIGRATIONS.slice(0, 4);

const ORDERS = {
  urgency: 'priority, due_sort, created_at, id',
  updated: 'updated_at DESC, id DESC',
  age: 'created_at, id',
} as const;

describe('migration 005-queue-orders', () => {
  let db: Database.Database;
  let before: unknown[];

  const rows = (): unknown[] => db.prepare('SELECT * FROM ticket_effective ORDER BY id').all();
  const indexes = (): string[] =>
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'ticket_effective_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, SCHEMA_4);
    db.exec(`
      INSERT INTO ticket_effective (source, external_id, customer_id, subject, description, priority, status, kind,
        created_at, updated_at, is_open, due_sort) VALUES
        ('demo', 'D-1', 'demo:acme', 'Old P3', '', 'P3', 'new', 'incident', 1000, 5000, 1, 2000),
        ('demo', 'D-2', 'demo:acme', 'New P1', '', 'P1', 'new', 'incident', 3000, 4000, 1, 9000),
        ('demo', 'D-3', 'demo:acme', 'Solved P1', '', 'P1', 'resolved', 'incident', 2000, 6000, 0, 9007199254740991);`);
    before = rows();
    migrate(db, [...SCHEMA_4, migration005]);
  });

  it('is version 5, adds the three order indexes and keeps every row', () => {
    expect(migration005.version).toBe(5);
    expect(migration005.resetsCursors).toBeUndefined();
    expect(migration005.foreignKeys).toBeUndefined();
    expect(userVersion(db)).toBe(5);
    expect(indexes()).toEqual([
      'ticket_effective_all_age',
      'ticket_effective_all_queue',
      'ticket_effective_all_updated',
      'ticket_effective_all_urgency',
      'ticket_effective_open_queue',
    ]);
    expect(rows()).toEqual(before);
  });

  it('serves each order from its index, open tickets or all, without sorting', () => {
    const expected = {
      urgency: { open: ['D-2', 'D-1'], all: ['D-2', 'D-3', 'D-1'] },
      updated: { open: ['D-1', 'D-2'], all: ['D-3', 'D-1', 'D-2'] },
      age: { open: ['D-1', 'D-2'], all: ['D-1', 'D-3', 'D-2'] },
    };
    for (const [order, orderBy] of Object.entries(ORDERS) as [keyof typeof ORDERS, string][]) {
      for (const scope of ['open', 'all'] as const) {
        const sql = `SELECT external_id FROM ticket_effective INDEXED BY ticket_effective_all_${order}
          ${scope === 'open' ? 'WHERE is_open = 1' : ''} ORDER BY ${orderBy}`;
        expect(db.prepare(sql).pluck().all(), `${order} ${scope}`).toEqual(expected[order][scope]);
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
          .map((step) => step.detail)
          .join('\n');
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});
