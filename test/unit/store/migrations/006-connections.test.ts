// Migration 006 on a fresh database: the connections table, which keeps a reference to each secret and refuses
// ids that could not serve as a record source.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/store/migrations';
import { migration006 } from '../../../../src/store/migrations/006-connections';

describe('migration 006-connections', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
  });

  const insert = (id: string, secretRef = '{"store":"env","name":"ZENDESK_TOKEN"}') =>
    db
      .prepare(
        `INSERT INTO connections (id, kind, label, url, login, secret_ref, created_at)
         VALUES (?, 'zendesk', 'Zendesk (acme.zendesk.com)', 'https://acme.zendesk.com', 'me@acme.example', ?, 1)`,
      )
      .run(id, secretRef);

  it('is version 6 and stores a connection with empty options', () => {
    expect(migration006.version).toBe(6);
    insert('acme');
    expect(db.prepare('SELECT id, options FROM connections').get()).toEqual({ id: 'acme', options: '{}' });
  });

  it.each(['', 'Acme', 'acme:1', 'a'.repeat(41), 'acme corp'])('refuses the id %j', (id) => {
    expect(() => insert(id)).toThrow(/CHECK constraint/);
  });

  it('refuses a secret reference that is not JSON', () => {
    expect(() => insert('acme', 'hunter2')).toThrow(/CHECK constraint/);
  });
});
