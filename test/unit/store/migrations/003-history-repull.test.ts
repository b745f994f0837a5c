// Migration 003 through the runner: on a fresh database it changes no schema; on a schema-2 database that already
// holds tickets it resets the tickets cursors (so the next sync re-pulls them with their history) and keeps every row.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, userVersion } from '../../../../src/store/migrations';
import { migration003 } from '../../../../src/store/migrations/003-history-repull';
import { TICKETS_RESOURCE } from '../../../../src/sync/pull-sync';

const SCHEMA_2 = MIGRATIONS.slice(0, 2);

function schema(db: Database.Database): unknown[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all();
}

function freshDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

describe('migration 003-history-repull', () => {
  it('is version 3, resets the cursor the pull loop stores tickets under, and changes no schema', () => {
    expect(migration003.version).toBe(3);
    expect(migration003.resetsCursors).toEqual([TICKETS_RESOURCE]);
    expect(migration003.foreignKeys).toBeUndefined();

    const db = freshDatabase();
    migrate(db, [...SCHEMA_2, migration003]);
    const schema2 = freshDatabase();
    migrate(schema2, SCHEMA_2);

    expect(userVersion(db)).toBe(3);
    expect(schema(db)).toEqual(schema(schema2));
  });

  describe('on a schema-2 database with tickets and cursors', () => {
    let db: Database.Database;

    const rows = (table: string): unknown[] => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();
    const cursors = (): unknown[] =>
      db.prepare('SELECT source, resource, cursor FROM sync_state ORDER BY source, resource').all();

    beforeEach(() => {
      db = freshDatabase();
      migrate(db, SCHEMA_2);
      db.exec(`
        INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind,
          status, created_at, server_updated_at) VALUES ('demo', 'D-1', 'acme', 'Old', 'Stored under schema 1',
          'P2', 'incident', 'acknowledged', 1000, 2000);
        INSERT INTO note_base (source, ticket_external_id, external_id, author, body, public, created_at)
          VALUES ('demo', 'D-1', 'n1', 'Agent', 'on it', 1, 1500);
        INSERT INTO ticket_effective (source, external_id, customer_id, subject, description, notes_text, priority,
          status, kind, created_at, first_response_at, updated_at, is_open) VALUES ('demo', 'D-1', 'demo:acme', 'Old',
          'Stored under schema 1', 'on it', 'P2', 'acknowledged', 'incident', 1000, 1500, 2000, 1);
        INSERT INTO sync_state (source, resource, cursor, updated_at)
          VALUES ('demo', 'tickets', 'c-42', 2100), ('demo', 'schedules', 's-7', 2100);`);
    });

    it('drops the tickets cursor, keeps other cursors and every ticket row', () => {
      const before = {
        base: rows('ticket_base'),
        notes: rows('note_base'),
        effective: rows('ticket_effective'),
      };

      migrate(db, [...SCHEMA_2, migration003]);

      expect(userVersion(db)).toBe(3);
      expect(cursors()).toEqual([{ source: 'demo', resource: 'schedules', cursor: 's-7' }]);
      expect({
        base: rows('ticket_base'),
        notes: rows('note_base'),
        effective: rows('ticket_effective'),
      }).toEqual(before);
      expect(rows('ticket_base')).toHaveLength(1);
    });
  });
});
