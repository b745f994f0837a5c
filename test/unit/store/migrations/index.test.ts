// The migration list and `migrate`: gapless versions, one transaction each, idempotent, refuses the future.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../../src/store/store-error';
import { LATEST_VERSION, MIGRATIONS, migrate, userVersion } from '../../../../src/store/migrations';

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
