// The ordered, append-only list of schema migrations and `migrate`, which brings a database up to the newest one.
import type Database from 'better-sqlite3';
import { newerVersionError } from '../store-error';
import { migration001 } from './001-initial';
import { migration002 } from './002-sla';
import { migration003 } from './003-history-repull';
import { migration004 } from './004-pull-v2';
import { migration005 } from './005-queue-orders';
import { migration006 } from './006-connections';
import { migration007 } from './007-push';
import { migration008 } from './008-alert-deliveries';
import { migration009 } from './009-schedules';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
];

export const LATEST_VERSION = MIGRATIONS.length;

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs every migration of `migrations` (tests pass their own list) the database has not seen yet, each in its own
 * transaction that also sets `PRAGMA user_version` and resets the sync cursors it declares, so a crash leaves the
 * schema at a whole version. A migration declaring `foreignKeys: 'off'` runs with foreign keys off and must leave
 * them consistent. Refuses a database newer than the last migration of the list.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = userVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw newerVersionError(db.name, current, latest);
  for (const migration of migrations) {
    if (migration.version > current) run(db, migration);
  }
}

function run(db: Database.Database, migration: Migration): void {
  const inTransaction = db.transaction(() => {
    migration.up(db);
    const resources = migration.resetsCursors ?? [];
    if (resources.length > 0) {
      db.prepare('DELETE FROM sync_state WHERE resource IN (SELECT value FROM json_each(?))').run(
        JSON.stringify(resources),
      );
    }
    if (migration.foreignKeys === 'off') checkForeignKeys(db, migration);
    db.pragma(`user_version = ${migration.version}`);
  });
  if (migration.foreignKeys !== 'off') {
    inTransaction.immediate();
    return;
  }
  const wereOn = foreignKeysOn(db);
  db.pragma('foreign_keys = OFF');
  try {
    if (foreignKeysOn(db)) {
      throw new Error(
        `Migration ${label(migration)} must run with foreign keys off, and SQLite cannot switch them off ` +
          'inside a transaction: run migrate outside any transaction.',
      );
    }
    inTransaction.immediate();
  } finally {
    db.pragma(`foreign_keys = ${wereOn ? 'ON' : 'OFF'}`);
  }
}

function foreignKeysOn(db: Database.Database): boolean {
  return db.pragma('foreign_keys', { simple: true }) === 1;
}

interface ForeignKeyProblem {
  table: string;
  rowid: number | null;
  parent: string;
}

/** Step 10 of SQLite's table-rebuild procedure: a rebuild must not leave a reference pointing nowhere. */
function checkForeignKeys(db: Database.Database, migration: Migration): void {
  const problems = db.pragma('foreign_key_check') as ForeignKeyProblem[];
  if (problems.length === 0) return;
  const shown = problems
    .slice(0, 5)
    .map(({ table, rowid, parent }) => `${table}${rowid === null ? '' : ` row ${rowid}`} → ${parent}`)
    .join(', ');
  const more = problems.length > 5 ? ` and ${problems.length - 5} more` : '';
  throw new Error(
    `Migration ${label(migration)} was rolled back: it left ${problems.length} row(s) whose foreign key ` +
      `points to no row (${shown}${more}).`,
  );
}

function label(migration: Migration): string {
  return `${migration.version} (${migration.name})`;
}
