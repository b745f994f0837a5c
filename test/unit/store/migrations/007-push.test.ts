// Migration 007 on a fresh database: what the push side keeps per outbox row (the acknowledging version, the class
// of the last failure) and who each connection acts as.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/store/migrations';
import { migration007 } from '../../../../src/store/migrations/007-push';

describe('migration 007-push', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
  });

  const columns = (table: string) =>
    (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);

  it('is version 7 and adds the acknowledging version and failure class to the outbox', () => {
    expect(migration007.version).toBe(7);
    expect(columns('outbox')).toEqual(expect.arrayContaining(['acked_updated_at', 'error_kind']));
  });

  it('keeps a connection identity as JSON and refuses anything else', () => {
    const insert = (identity: string | null) =>
      db
        .prepare(
          `INSERT INTO connections (id, kind, label, url, login, secret_ref, created_at, identity)
           VALUES ('acme', 'zendesk', 'Zendesk', 'https://acme.zendesk.com', 'me@acme.example',
             '{"store":"env","name":"T"}', 1, ?)`,
        )
        .run(identity);
    expect(() => insert('Ann')).toThrow(/CHECK constraint/);
    insert('{"userId":"7","name":"Ann"}');
    expect(db.prepare('SELECT identity FROM connections').pluck().get()).toBe('{"userId":"7","name":"Ann"}');
  });
});
