// The shape of one schema migration: a number, a name, and the DDL that moves the schema one version up.
import type Database from 'better-sqlite3';

export interface Migration {
  /** The `PRAGMA user_version` the database has once this migration ran; versions count up from 1 without gaps. */
  version: number;
  name: string;
  /** Runs inside the migration's own transaction; must not open a transaction itself. */
  up(db: Database.Database): void;
}
