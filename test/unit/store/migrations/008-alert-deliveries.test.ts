// Migration 008 on a fresh database: the delivery record of every notice, keyed so a notice is never recorded (or
// shown) twice, with only known urgencies and outcomes.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/store/migrations';
import { migration008 } from '../../../../src/store/migrations/008-alert-deliveries';

describe('migration 008-alert-deliveries', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
  });

  const insert = (key: string, urgency = 'critical', outcome: string | null = null) =>
    db
      .prepare(
        `INSERT INTO alert_deliveries (key, title, body, urgency, due_at, raised_at, late, outcome)
         VALUES (?, 'New P1', 'Ticket 7', ?, 1, 2, 0, ?)`,
      )
      .run(key, urgency, outcome);

  it('is version 8 and keeps one delivery per key', () => {
    expect(migration008.version).toBe(8);
    insert('demo:7:p1:new');
    expect(() => insert('demo:7:p1:new')).toThrow(/UNIQUE constraint/);
  });

  it('refuses an unknown urgency or outcome', () => {
    expect(() => insert('a', 'loud')).toThrow(/CHECK constraint/);
    expect(() => insert('b', 'normal', 'maybe')).toThrow(/CHECK constraint/);
    insert('c', 'low', 'timed_out');
  });
});
