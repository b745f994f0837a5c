// The migration list and `migrate`: gapless versions, one transaction each, idempotent, refuses the future; a
// migration declaring `foreignKeys: 'off'` can rebuild a referenced table without losing rows, and one declaring
// `resetsCursors` makes the next sync pull everything again.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../../src/store/store-error';
import { LATEST_VERSION, MIGRATIONS, migrate, userVersion } from '../../../../src/store/migrations';
import type { Migration } from '../../../../src/store/migrations/migration';

describe('migrations', () => {
  it('are numbered 1, 2, 3… without gaps, and the newest is LATEST_VERSION', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.at(-1)?.version);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('brings a fresh database to the newest version and is a no-op the second time', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    const schema = db.prepare('SELECT name, sql FROM sqlite_schema ORDER BY name').all();
    migrate(db);
    expect(db.prepare('SELECT name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
  });

  it('rolls a failing migration back whole, version included', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE settings (key TEXT)');
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(userVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'ticket_base'").pluck().get()).toBe(0);
  });

  it('refuses a database from a newer Piket without changing it', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 6}`);
    expect(() => migrate(db)).toThrow(StoreError);
    expect(() => migrate(db)).toThrow(/newer version of Piket/);
    expect(userVersion(db)).toBe(LATEST_VERSION + 6);
    expect(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()).toBe(0);
  });
});

const SCHEMA_2 = MIGRATIONS.slice(0, 2);

// Schema 2's ticket_base with 'on_hold' added to the status CHECK, built the 12-step way: new table, copy, drop the
// old one, rename the new one (ticket_base has no indexes, triggers or views to recreate).
const WIDER_STATUS = `
CREATE TABLE new_ticket_base (
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  customer_external_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  kind TEXT NOT NULL CHECK (kind IN ('incident', 'request', 'security')),
  cve_id TEXT,
  severity TEXT,
  status TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'in_progress', 'waiting_on_customer', 'on_hold',
    'workaround_provided', 'resolved', 'closed')),
  assignee TEXT,
  created_at INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER,
  server_updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  history TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(history)),
  PRIMARY KEY (source, external_id)
) WITHOUT ROWID;
INSERT INTO new_ticket_base (source, external_id, customer_external_id, subject, description, priority, kind, cve_id,
    severity, status, assignee, created_at, first_response_at, resolved_at, server_updated_at, deleted_at, history)
  SELECT source, external_id, customer_external_id, subject, description, priority, kind, cve_id,
    severity, status, assignee, created_at, first_response_at, resolved_at, server_updated_at, deleted_at, history
  FROM ticket_base;
DROP TABLE ticket_base;
ALTER TABLE new_ticket_base RENAME TO ticket_base;
`;

function widerStatus(declared: Pick<Migration, 'foreignKeys'>): Migration {
  return { version: 3, name: 'wider-status', ...declared, up: (db) => db.exec(WIDER_STATUS) };
}

function schema2WithTickets(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, SCHEMA_2);
  db.exec(`
    INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind, status,
      created_at, server_updated_at, history)
    VALUES ('demo', 'T-1', 'acme', 'VPN down', 'd', 'P1', 'incident', 'new', 1000, 2000, '[{"at":1000}]'),
      ('demo', 'T-2', 'acme', 'Disk full', 'd', 'P3', 'request', 'resolved', 1000, 3000, '[]');
    INSERT INTO note_base (source, ticket_external_id, external_id, author, body, public, created_at)
    VALUES ('demo', 'T-1', 'n1', 'Agent', 'looking', 0, 1100), ('demo', 'T-1', 'n2', 'Agent', 'fixed', 1, 1200),
      ('demo', 'T-2', 'n3', 'Agent', 'done', 1, 1300);`);
  return db;
}

const rows = (db: Database.Database, table: string): unknown[] =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();
const foreignKeys = (db: Database.Database): unknown => db.pragma('foreign_keys', { simple: true });

describe('migrate with a table rebuild', () => {
  let db: Database.Database;
  let tickets: unknown[];
  let notes: unknown[];

  beforeEach(() => {
    db = schema2WithTickets();
    tickets = rows(db, 'ticket_base');
    notes = rows(db, 'note_base');
  });

  it("rebuilds a referenced table without losing a row when it declares foreignKeys: 'off'", () => {
    migrate(db, [...SCHEMA_2, widerStatus({ foreignKeys: 'off' })]);

    expect(userVersion(db)).toBe(3);
    expect(rows(db, 'ticket_base')).toEqual(tickets);
    expect(rows(db, 'note_base')).toEqual(notes);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(foreignKeys(db)).toBe(1);
    db.exec("UPDATE ticket_base SET status = 'on_hold' WHERE external_id = 'T-1'");
    // note_base now references the rebuilt table: still enforced, still cascading.
    expect(() =>
      db.exec(`INSERT INTO note_base (source, ticket_external_id, external_id, author, body, public, created_at)
               VALUES ('demo', 'T-9', 'n9', 'Agent', 'lost', 0, 0)`),
    ).toThrow(/FOREIGN KEY constraint failed/);
    db.exec("DELETE FROM ticket_base WHERE external_id = 'T-1'");
    expect(db.prepare('SELECT external_id FROM note_base').pluck().all()).toEqual(['n3']);
  });

  it('loses every note in the same rebuild without the declaration', () => {
    migrate(db, [...SCHEMA_2, widerStatus({})]);

    expect(userVersion(db)).toBe(3);
    expect(rows(db, 'ticket_base')).toEqual(tickets);
    expect(rows(db, 'note_base')).toEqual([]);
  });

  it('rolls back a migration that leaves a foreign key pointing nowhere, and switches foreign keys on again', () => {
    const dangling: Migration = {
      version: 3,
      name: 'dangling',
      foreignKeys: 'off',
      up: (target) => target.exec("DELETE FROM ticket_base WHERE external_id = 'T-1'"),
    };

    expect(() => migrate(db, [...SCHEMA_2, dangling])).toThrow(
      /^Migration 3 \(dangling\) was rolled back: it left 2 row\(s\) whose foreign key points to no row \(note_base row \d+ → ticket_base, note_base row \d+ → ticket_base\)\.$/,
    );
    expect(userVersion(db)).toBe(2);
    expect(rows(db, 'ticket_base')).toEqual(tickets);
    expect(rows(db, 'note_base')).toEqual(notes);
    expect(foreignKeys(db)).toBe(1);
  });

  it('leaves foreign keys off afterwards when they were off before', () => {
    db.pragma('foreign_keys = OFF');
    migrate(db, [...SCHEMA_2, widerStatus({ foreignKeys: 'off' })]);
    expect(foreignKeys(db)).toBe(0);
    expect(rows(db, 'note_base')).toEqual(notes);
  });

  it('refuses to rebuild inside an open transaction, where foreign keys cannot be switched off', () => {
    db.exec('BEGIN');
    expect(() => migrate(db, [...SCHEMA_2, widerStatus({ foreignKeys: 'off' })])).toThrow(
      /Migration 3 \(wider-status\) must run with foreign keys off.*outside any transaction/,
    );
    db.exec('ROLLBACK');
    expect(userVersion(db)).toBe(2);
    expect(rows(db, 'note_base')).toEqual(notes);
    expect(foreignKeys(db)).toBe(1);
  });
});

describe('migrate with cursor resets', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, SCHEMA_2);
    db.exec(`INSERT INTO sync_state (source, resource, cursor, updated_at)
             VALUES ('demo', 'tickets', 'c1', 1), ('zendesk', 'tickets', 'z1', 1), ('demo', 'schedules', 's1', 1)`);
  });

  const cursors = (): unknown[] =>
    db.prepare('SELECT source, resource, cursor FROM sync_state ORDER BY source, resource').all();

  it('deletes the declared resources’ cursors of every source and keeps the others', () => {
    migrate(db, [
      ...SCHEMA_2,
      { version: 3, name: 'repull', resetsCursors: ['tickets'], up: () => undefined },
    ]);
    expect(userVersion(db)).toBe(3);
    expect(cursors()).toEqual([{ source: 'demo', resource: 'schedules', cursor: 's1' }]);
  });

  it('keeps every cursor when the migration fails', () => {
    const failing: Migration = {
      version: 3,
      name: 'repull',
      resetsCursors: ['tickets'],
      up: () => {
        throw new Error('boom');
      },
    };
    const before = cursors();
    expect(() => migrate(db, [...SCHEMA_2, failing])).toThrow('boom');
    expect(userVersion(db)).toBe(2);
    expect(cursors()).toEqual(before);
  });

  it('refuses a database newer than the last migration of the list it is given', () => {
    expect(() => migrate(db, MIGRATIONS.slice(0, 1))).toThrow(/schema 2; this version knows up to 1/);
    expect(userVersion(db)).toBe(2);
  });
});
