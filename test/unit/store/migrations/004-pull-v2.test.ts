// Migration 004 on a schema-3 database that already holds a ticket: the refused-records table, the table of
// additions and tombstones waiting for their ticket, and how a ticket left its system — with the old rows kept.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, userVersion } from '../../../../src/store/migrations';
import { migration004 } from '../../../../src/store/migrations/004-pull-v2';

const SCHEMA_3 = MIGRATIONS.slice(0, 3);

describe('migration 004-pull-v2', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, SCHEMA_3);
    db.exec(`
      INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind,
        status, created_at, server_updated_at, deleted_at) VALUES ('demo', 'D-1', 'acme', 'Old', 'Old ticket', 'P2',
        'incident', 'new', 1000, 1000, NULL);
      INSERT INTO sync_state (source, resource, cursor, updated_at) VALUES ('demo', 'tickets', 'c-1', 1000);`);
    migrate(db, [...SCHEMA_3, migration004]);
  });

  const insertRefusal = (kind: string, externalId = 'D-2') =>
    db
      .prepare(
        `INSERT INTO sync_rejects (source, kind, external_id, resource, reason, excerpt, first_seen_at, last_seen_at,
           app_version) VALUES ('demo', ?, ?, 'tickets', 'priority: invalid', '{}', 1, 1, '0.1.0')`,
      )
      .run(kind, externalId);

  it('is version 4, keeps every row and cursor, and marks no stored ticket deleted or merged', () => {
    expect(migration004.version).toBe(4);
    expect(migration004.resetsCursors).toBeUndefined();
    expect(userVersion(db)).toBe(4);
    expect(
      db.prepare('SELECT external_id, deleted_at, deleted_reason, merged_into FROM ticket_base').all(),
    ).toEqual([{ external_id: 'D-1', deleted_at: null, deleted_reason: null, merged_into: null }]);
    expect(db.prepare('SELECT cursor FROM sync_state').pluck().all()).toEqual(['c-1']);
  });

  it('keeps one refusal per source, kind, id and resource, and only the known kinds', () => {
    insertRefusal('ticket');
    insertRefusal('note', 'D-2/n1');
    expect(() => insertRefusal('ticket')).toThrow(/UNIQUE/);
    expect(() => insertRefusal('comment')).toThrow(/CHECK constraint/);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN DELETE FROM sync_rejects WHERE source = 'demo' AND kind = 'ticket' AND external_id = 'x'",
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING PRIMARY KEY/);
  });

  it('keeps waiting additions and tombstones as JSON, found by ticket in arrival order', () => {
    const insert = db.prepare(
      `INSERT INTO sync_pending (source, ticket_external_id, kind, payload, received_at)
       VALUES ('demo', 'D-9', ?, ?, 1)`,
    );
    insert.run('addition', '{"externalId":"D-9"}');
    insert.run('tombstone', '{"externalId":"D-9","reason":"deleted","at":5}');
    expect(() => insert.run('ticket', '{}')).toThrow(/CHECK constraint/);
    expect(() => insert.run('addition', 'not json')).toThrow(/CHECK constraint/);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT kind FROM sync_pending WHERE source = 'demo' AND ticket_external_id = 'D-9' ORDER BY seq",
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING INDEX sync_pending_ticket/);
    expect(plan.map((step) => step.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('accepts only deleted or merged as the way a ticket left', () => {
    db.exec("UPDATE ticket_base SET deleted_at = 2000, deleted_reason = 'merged', merged_into = 'D-7'");
    expect(() => db.exec("UPDATE ticket_base SET deleted_reason = 'archived'")).toThrow(/CHECK constraint/);
  });
});
