// Opens Piket's SQLite file: refuses a database from a newer Piket untouched, moves a corrupt file aside,
// sets the pragmas and migrates. `closeDatabase` is the matching shutdown.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../domain/clock';
import { LATEST_VERSION, migrate, userVersion } from './migrations';
import { newerVersionError, StoreError } from './store-error';

export { StoreError } from './store-error';

export interface OpenDatabaseOptions {
  /** Path of a better-sqlite3 native addon built for the running host (Electron passes its own build). */
  nativeBinding?: string;
  /** Names the moved-aside file; defaults to the system time. */
  clock?: Pick<Clock, 'now'>;
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Where a corrupt file found at open was moved, or null when the file was healthy or new. */
  movedAsideTo: string | null;
}

const SQLITE_FILE_SUFFIXES = ['', '-wal', '-shm'];

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const target = path.resolve(file);
  ensureWritable(target);
  let movedAsideTo: string | null = null;
  if (fs.existsSync(target) && inspect(target, options.nativeBinding) === 'corrupt') {
    movedAsideTo = moveAside(target, (options.clock ?? Date).now());
  }
  const db = openWritable(target, options.nativeBinding);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw asStoreError(error, target);
  }
  return { db, movedAsideTo };
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

/**
 * Decides whether this version may open an existing file, writing nothing to it. A schema from a newer Piket is
 * refused (read from the header when no -wal file could hold a newer one, else through a read-only connection);
 * a file that is not a database or fails `PRAGMA integrity_check` is reported corrupt.
 */
function inspect(file: string, nativeBinding: string | undefined): 'healthy' | 'corrupt' {
  const header = readHeader(file);
  if (header.length === 0) return 'healthy';
  if (header.length < HEADER_SIZE || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC))
    return 'corrupt';
  const wal = `${file}-wal`;
  if (!fs.existsSync(wal) || fs.statSync(wal).size === 0)
    refuseIfNewer(file, header.readInt32BE(USER_VERSION_OFFSET));

  let probe: Database.Database;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    if (isCorruption(error)) return 'corrupt';
    throw asStoreError(error, file);
  }
  try {
    refuseIfNewer(file, userVersion(probe));
    const problems = probe.prepare('PRAGMA integrity_check').pluck().all();
    return problems.length === 1 && problems[0] === 'ok' ? 'healthy' : 'corrupt';
  } catch (error) {
    if (isCorruption(error)) return 'corrupt';
    throw asStoreError(error, file);
  } finally {
    probe.close();
  }
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
