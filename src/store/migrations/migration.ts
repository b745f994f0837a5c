// The shape of one schema migration: a number, a name, the DDL that moves the schema one version up, and what the
// runner must do around it (foreign keys off for a table rebuild, sync cursors to reset).
import type Database from 'better-sqlite3';

export interface Migration {
  /** The `PRAGMA user_version` the database has once this migration ran; versions count up from 1 without gaps. */
  version: number;
  name: string;
  /**
   * `'off'` for a migration that rebuilds a table other tables reference (SQLite cannot change a column's type or
   * CHECK constraint in place). With foreign keys on, `DROP TABLE ticket_base` would cascade and delete every
   * note, and `PRAGMA foreign_keys` is a no-op inside a transaction, so the runner switches them off before the
   * migration's transaction, runs `PRAGMA foreign_key_check` before it commits (any row it reports rolls the
   * whole migration back with an error) and restores the previous setting afterwards, on failure too.
   *
   * Write such a migration the way SQLite's 12-step procedure does (https://www.sqlite.org/lang_altertable.html,
   * section 7); the runner does steps 1, 2, 10, 11 and 12, `up` does the rest:
   * 3. read the `sql` of the table's indexes, triggers and views from `sqlite_schema`;
   * 4. `CREATE TABLE new_x (...)` in the new shape;
   * 5. `INSERT INTO new_x (columns) SELECT columns FROM x`;
   * 6. `DROP TABLE x`;
   * 7. `ALTER TABLE new_x RENAME TO x` — never rename the old table out of the way first: that rewrites the
   *    other tables' `REFERENCES x` to the old name, which is then dropped;
   * 8. recreate the indexes and triggers (spelled out, as every migration spells out its schema);
   * 9. drop and recreate views that refer to the table.
   */
  foreignKeys?: 'off';
  /**
   * The sync resources (as in `sync_state.resource`, e.g. `'tickets'`) whose cursors this migration resets, for
   * every source, because it adds data the server already had: the next sync pulls everything again, and the
   * store's upserts accept an equal server version, so the stored rows get the new data. The runner deletes those
   * `sync_state` rows inside the migration's transaction.
   */
  resetsCursors?: readonly string[];
  /** Runs inside the migration's own transaction; must not open a transaction itself. */
  up(db: Database.Database): void;
}
