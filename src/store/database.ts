// Opens Piket's SQLite file. The owner of the data folder checks it (quickly, or in full after an unclean
// shutdown), refuses a database from a newer Piket untouched, moves a corrupt file aside (rescuing the changes its
// outbox had not sent yet into the fresh one), sets the pragmas and migrates; any other process opens it read-only,
// at exactly this version, writing nothing. `closeDatabase` is the matching shutdown.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../domain/clock';
import { LATEST_VERSION, migrate, userVersion } from './migrations';
import { newerVersionError, olderVersionError, StoreError } from './store-error';

export { StoreError } from './store-error';

export interface OpenDatabaseOptions {
  /** Path of a better-sqlite3 native addon built for the running host (Electron passes its own build). */
  nativeBinding?: string;
  /** Names the moved-aside file; defaults to the system time. */
  clock?: Pick<Clock, 'now'>;
  /**
   * How an existing file is checked before use: `PRAGMA quick_check` (default; pages and structure, seconds
   * cheaper on a big file) or `PRAGMA integrity_check` (also that every index matches its table), for when the
   * previous owner did not shut down cleanly.
   */
  integrityCheck?: 'quick' | 'full';
  /**
   * For a process that does not own the data folder: opens the existing file read-only and only at exactly
   * `LATEST_VERSION`; never checks, moves aside, migrates or writes. `integrityCheck` and `clock` do not apply.
   */
  readOnly?: boolean;
}

/** What became of the unsent changes of a database that was moved aside (invariant 10). */
export interface OutboxRescue {
  /** Intents (pending, inflight, unknown, conflict) copied into the fresh database; inflight ones as unknown. */
  rescued: number;
  /** Why some or all of the outbox could not be read; null when all of it was. */
  problem: string | null;
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Where a corrupt file found at open was moved, or null when the file was healthy or new. */
  movedAsideTo: string | null;
  /** Set when the file was moved aside. */
  outboxRescue: OutboxRescue | null;
  /** Which check ran on the existing file: none for a new or empty file, one that is no database, or read-only. */
  checked: 'quick' | 'full' | 'none';
}

const SQLITE_FILE_SUFFIXES = ['', '-wal', '-shm'];

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const target = path.resolve(file);
  if (options.readOnly)
    return {
      db: openReadOnly(target, options.nativeBinding),
      movedAsideTo: null,
      outboxRescue: null,
      checked: 'none',
    };
  ensureWritable(target);
  let movedAsideTo: string | null = null;
  let salvage: Salvage | null = null;
  let checked: OpenedDatabase['checked'] = 'none';
  if (fs.existsSync(target)) {
    const inspection = inspect(target, options.nativeBinding, options.integrityCheck ?? 'quick');
    checked = inspection.checked;
    if (inspection.state === 'corrupt') {
      salvage = inspection.salvage;
      movedAsideTo = moveAside(target, (options.clock ?? Date).now());
    }
  }
  const db = openWritable(target, options.nativeBinding);
  let outboxRescue: OutboxRescue | null = null;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    if (salvage) outboxRescue = restoreOutbox(db, salvage);
  } catch (error) {
    db.close();
    throw asStoreError(error, target);
  }
  return { db, movedAsideTo, outboxRescue, checked };
}

/** One sentence for the user about an outbox rescue, to follow the notice that the database was moved aside. */
export function describeOutboxRescue({ rescued, problem }: OutboxRescue): string {
  const changes = `${rescued} change${rescued === 1 ? '' : 's'}`;
  if (problem === null) {
    return rescued === 0
      ? 'It held no changes waiting to be sent.'
      : `The ${changes} it held that were not sent yet ${rescued === 1 ? 'was' : 'were'} rescued and will be sent.`;
  }
  return rescued === 0
    ? `Piket could not read the changes it held that were not sent yet (${problem}); they are lost.`
    : `Piket rescued ${changes} that ${rescued === 1 ? 'was' : 'were'} not sent yet, but could not read the rest (${problem}); those are lost.`;
}

/**
 * Opens the file of a data folder another process owns, for reading only. Only the pragma that sets how long to
 * wait for the owner's writes is set (it is not stored in the file); the schema must be exactly this version's.
 */
function openReadOnly(file: string, nativeBinding: string | undefined): Database.Database {
  if (!fs.existsSync(file)) throw missingError(file);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    if (sqliteCode(error).startsWith('SQLITE_CANTOPEN')) throw missingError(file, error);
    throw error;
  }
  try {
    db.pragma('busy_timeout = 5000');
    const version = userVersion(db);
    if (version > LATEST_VERSION) throw newerVersionError(file, version, LATEST_VERSION);
    if (version < LATEST_VERSION) throw olderVersionError(file, version, LATEST_VERSION);
    return db;
  } catch (error) {
    db.close();
    if (isCorruption(error)) {
      throw new StoreError(
        'corrupt',
        `The database ${file} is damaged. The Piket that owns its data folder moves it aside when it next starts; ` +
          'quit that Piket and start it again.',
        { cause: error },
      );
    }
    throw error;
  }
}

function missingError(file: string, cause?: unknown): StoreError {
  return new StoreError(
    'missing',
    `There is no database at ${file} yet. The Piket that owns its data folder creates it as it starts; ` +
      'try again in a moment.',
    { cause },
  );
}

/** Lets SQLite refresh its query-planner statistics, then closes. Safe to call on a closed database. */
export function closeDatabase(db: Database.Database): void {
  if (!db.open) return;
  db.pragma('optimize');
  db.close();
}

function ensureWritable(file: string): void {
  const folder = path.dirname(file);
  try {
    fs.mkdirSync(folder, { recursive: true });
    fs.accessSync(folder, fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch (error) {
    throw unwritable(file, error);
  }
}

function unwritable(file: string, cause: unknown): StoreError {
  const reason = cause instanceof Error ? ` (${cause.message})` : '';
  return new StoreError(
    'unwritable',
    `Piket cannot write its database ${file}${reason}. Check the permissions of ${path.dirname(file)}, ` +
      'or point Piket at another data folder.',
    { cause },
  );
}

function sqliteCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function asStoreError(error: unknown, file: string): unknown {
  const code = sqliteCode(error);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))
    return unwritable(file, error);
  return error;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;
const USER_VERSION_OFFSET = 60;

/** The first bytes of the file, read without SQLite so that nothing (not even a -shm file) is created. */
function readHeader(file: string): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  const fd = fs.openSync(file, 'r');
  try {
    return header.subarray(0, fs.readSync(fd, header, 0, HEADER_SIZE, 0));
  } finally {
    fs.closeSync(fd);
  }
}

function refuseIfNewer(file: string, version: number): void {
  if (version > LATEST_VERSION) throw newerVersionError(file, version, LATEST_VERSION);
}

/** The unsent intents read from a corrupt file before it was moved aside: the outbox's columns and rows. */
interface Salvage {
  columns: string[];
  rows: unknown[][];
  problem: string | null;
}

type Inspection =
  | { state: 'healthy'; checked: OpenedDatabase['checked'] }
  | { state: 'corrupt'; checked: OpenedDatabase['checked']; salvage: Salvage };

const UNREADABLE: Salvage = { columns: [], rows: [], problem: 'the file is not a database SQLite can read' };

/**
 * Decides whether this version may open an existing file, writing nothing to it. A schema from a newer Piket is
 * refused (read from the header when no -wal file could hold a newer one, else through a read-only connection);
 * a file that is not a database or fails `PRAGMA quick_check` (or `integrity_check`, when `check` is full) is
 * reported corrupt.
 */
function inspect(file: string, nativeBinding: string | undefined, check: 'quick' | 'full'): Inspection {
  const header = readHeader(file);
  if (header.length === 0) return { state: 'healthy', checked: 'none' };
  if (header.length < HEADER_SIZE || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC))
    return { state: 'corrupt', checked: 'none', salvage: UNREADABLE };
  const wal = `${file}-wal`;
  if (!fs.existsSync(wal) || fs.statSync(wal).size === 0)
    refuseIfNewer(file, header.readInt32BE(USER_VERSION_OFFSET));

  let probe: Database.Database;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    if (isCorruption(error)) return { state: 'corrupt', checked: 'none', salvage: UNREADABLE };
    throw asStoreError(error, file);
  }
  try {
    refuseIfNewer(file, userVersion(probe));
    const problems = probe
      .prepare(check === 'full' ? 'PRAGMA integrity_check' : 'PRAGMA quick_check')
      .pluck()
      .all();
    if (problems.length === 1 && problems[0] === 'ok') return { state: 'healthy', checked: check };
    return { state: 'corrupt', checked: check, salvage: salvageOutbox(probe) };
  } catch (error) {
    if (isCorruption(error)) return { state: 'corrupt', checked: check, salvage: salvageOutbox(probe) };
    throw asStoreError(error, file);
  } finally {
    probe.close();
  }
}

/** Outbox states of an intent the server has not settled: what a rescue keeps. */
const UNSENT_STATES = ['pending', 'inflight', 'unknown', 'conflict', 'rejected'];

function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads the unsent intents of a damaged database, in FIFO order, through the read-only probe: as many rows as
 * can be read before a damaged page stops the scan.
 */
function salvageOutbox(probe: Database.Database): Salvage {
  let columns: string[];
  let rows: Iterable<unknown[]>;
  try {
    columns = (probe.pragma('table_info(outbox)') as { name: string }[]).map((column) => column.name);
    if (columns.length === 0) return { columns, rows: [], problem: null };
    rows = probe
      .prepare(
        `SELECT ${columns.map((name) => `"${name}"`).join(', ')} FROM outbox
         WHERE state IN (SELECT value FROM json_each(?)) ORDER BY seq`,
      )
      .raw()
      .iterate(JSON.stringify(UNSENT_STATES)) as Iterable<unknown[]>;
  } catch (error) {
    return { columns: [], rows: [], problem: problemOf(error) };
  }
  const read: unknown[][] = [];
  try {
    for (const row of rows) read.push(row);
  } catch (error) {
    return { columns, rows: read, problem: problemOf(error) };
  }
  return { columns, rows: read, problem: null };
}

/**
 * Copies salvaged intents into the fresh database's outbox (the columns both know), keeping their order and
 * mutation ids; an inflight one becomes unknown, as after any crash (invariant 7: checked before a resend).
 */
function restoreOutbox(db: Database.Database, salvage: Salvage): OutboxRescue {
  if (salvage.rows.length === 0) return { rescued: 0, problem: salvage.problem };
  const known = new Set((db.pragma('table_info(outbox)') as { name: string }[]).map((column) => column.name));
  const kept = salvage.columns.flatMap((name, index) => (known.has(name) ? [{ name, index }] : []));
  const state = kept.findIndex(({ name }) => name === 'state');
  const insert = db.prepare(
    `INSERT INTO outbox (${kept.map(({ name }) => `"${name}"`).join(', ')})
     VALUES (${kept.map(() => '?').join(', ')})`,
  );
  db.transaction(() => {
    for (const row of salvage.rows) {
      const values = kept.map(({ index }) => row[index]);
      if (values[state] === 'inflight') values[state] = 'unknown';
      insert.run(values);
    }
  })();
  return { rescued: salvage.rows.length, problem: salvage.problem };
}

/** Renames the file and its -wal/-shm companions to `<file>.corrupt-<UTC timestamp>`; never deletes anything. */
function moveAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  let aside = `${file}.corrupt-${stamp}`;
  for (let n = 2; SQLITE_FILE_SUFFIXES.some((suffix) => fs.existsSync(aside + suffix)); n++) {
    aside = `${file}.corrupt-${stamp}-${n}`;
  }
  try {
    for (const suffix of SQLITE_FILE_SUFFIXES) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
    }
  } catch (error) {
    throw new StoreError(
      'corrupt',
      `The database ${file} is damaged and Piket could not move it aside (${String(error)}). ` +
        'Move or rename it yourself, or point Piket at another data folder.',
      { cause: error },
    );
  }
  return aside;
}

function openWritable(file: string, nativeBinding: string | undefined): Database.Database {
  try {
    return new Database(file, { nativeBinding });
  } catch (error) {
    throw asStoreError(error, file);
  }
}
