// The ordered, append-only list of schema migrations and `migrate`, which brings a database up to the newest one.
import type Database from 'better-sqlite3';
import { newerVersionError } from '../store-error';
import { migration001 } from './001-initial';
import { migration002 } from './002-sla';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002];

export const LATEST_VERSION = MIGRATIONS.length;

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs every migration the database has not seen yet, each in its own transaction that also sets
 * `PRAGMA user_version`, so a crash leaves the schema at a whole version. Refuses a database from a newer Piket.
 */
export function migrate(db: Database.Database): void {
  const current = userVersion(db);
  if (current > LATEST_VERSION) throw newerVersionError(db.name, current, LATEST_VERSION);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
