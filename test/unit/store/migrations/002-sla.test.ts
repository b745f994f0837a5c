// Migration 002 on a version-1 database that already holds tickets: history and deadline columns, the
// deadline-ordered queue indexes, and the alert log.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migration001 } from '../../../../src/store/migrations/001-initial';
import { migration002 } from '../../../../src/store/migrations/002-sla';
import { NO_DEADLINE } from '../../../../src/store/ticket-store';

function apply(db: Database.Database, migration: typeof migration001): void {
  db.transaction(() => {
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
  })();
}

describe('migration 002-sla', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    apply(db, migration001);
    db.exec(`
      INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind,
        status, created_at, server_updated_at) VALUES ('demo', 'D-1', 'acme', 'Old', 'Old ticket', 'P2', 'incident',
        'new', 1000, 1000);
      INSERT INTO ticket_effective (source, external_id, customer_id, subject, description, priority, status, kind,
        created_at, updated_at, is_open) VALUES ('demo', 'D-1', 'demo:acme', 'Old', 'Old ticket', 'P2', 'new',
        'incident', 1000, 1000, 1);`);
    apply(db, migration002);
  });

  it('is version 2 and keeps the rows of version 1, with empty history and no deadline', () => {
    expect(migration002.version).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT history FROM ticket_base').pluck().get()).toBe('[]');
    expect(db.prepare('SELECT history, due_sort FROM ticket_effective').get()).toEqual({
      history: '[]',
      due_sort: NO_DEADLINE,
    });
  });

  it('refuses history that is not JSON', () => {
    expect(() => db.exec("UPDATE ticket_effective SET history = 'not json'")).toThrow(/CHECK constraint/);
  });

  it('orders the queue indexes by nearest deadline, so the queue needs no sort', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM ticket_effective INDEXED BY ticket_effective_open_queue
         WHERE is_open = 1 ORDER BY due_sort, priority, created_at, id LIMIT 200`,
      )
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('ticket_effective_open_queue');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('creates the alert log, one row per key', () => {
    db.prepare('INSERT INTO alerts_fired (key, fired_at) VALUES (?, ?)').run('1:response:breach', 5);
    expect(() =>
      db.prepare('INSERT INTO alerts_fired (key, fired_at) VALUES (?, ?)').run('1:response:breach', 6),
    ).toThrow(/UNIQUE/);
  });
});
