// One Piket process owns a data folder at a time. The lock is a kernel lock that dies with its process: an
// exclusive SQLite lock held on `piket.lock` until the connection closes. Who holds it (for messages only) is in
// `piket.owner.json`, written by the holder and deleted on release, so finding it at acquire time means the
// previous owner did not shut down cleanly.
//
// POSIX record locks belong to the process and are dropped when ANY descriptor of the file is closed, so this
// process must never open `piket.lock` with `fs` while a connection of it may hold the lock. SQLite's own
// connections share one lock table per file and are safe.
import Database from 'better-sqlite3';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'piket.lock';
export const OWNER_FILE = 'piket.owner.json';

export interface ControlEndpoint {
  path: string;
  token: string;
}

export interface LockOwner {
  pid: number;
  role: string;
  startedAt: number;
  control: ControlEndpoint | null;
}

export type InstanceLock =
  | { acquired: true; uncleanShutdown: boolean; publish(control: ControlEndpoint): void; release(): void }
  | { acquired: false; owner: LockOwner | null };

export interface AcquireOptions {
  /** What the owner is, for messages: 'app', 'web', 'watch', 'cli'. */
  role: string;
  /** Path of a better-sqlite3 native addon built for the running host (Electron passes its own build). */
  nativeBinding?: string;
  /** The owner's start time; defaults to the system time. */
  now?: () => number;
}

/**
 * Two starters that arrive together can both see "busy" (each holds SQLite's shared lock the other needs to go
 * exclusive, and neither waits). A few short, jittered retries let one of them win; a folder that is really owned
 * costs the refused starter these few milliseconds.
 */
const BUSY_ATTEMPTS = 5;
const BUSY_PAUSE_MS = { min: 2, max: 12 };

/**
 * The lock connections this process holds. better-sqlite3 closes a connection its garbage collector reclaims,
 * which would free the lock while Piket still runs; held here, a lock lives until release or process exit even
 * if the caller drops the handle.
 */
const heldConnections = new Set<Database.Database>();

export function acquireInstanceLock(dataDir: string, options: AcquireOptions): InstanceLock {
  const folder = resolve(dataDir);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw folderError(folder, error);
  }
  const db = holdLockDatabase(folder, options.nativeBinding);
  if (db === null) return { acquired: false, owner: readLockOwner(folder) };

  const ownerFile = join(folder, OWNER_FILE);
  let owner: LockOwner;
  let uncleanShutdown: boolean;
  try {
    uncleanShutdown = existsSync(ownerFile);
    owner = { pid: process.pid, role: options.role, startedAt: (options.now ?? Date.now)(), control: null };
    writeOwner(folder, owner);
  } catch (error) {
    db.close();
    throw folderError(folder, error);
  }
  heldConnections.add(db);
  let held = true;
  return {
    acquired: true,
    uncleanShutdown,
    publish: (control) => {
      if (!held) throw new Error(`The lock on ${folder} was released; there is nothing to publish.`);
      owner = { ...owner, control: { path: control.path, token: control.token } };
      writeOwner(folder, owner);
    },
    release: () => {
      if (!held) return;
      held = false;
      try {
        rmSync(ownerFile, { force: true });
      } finally {
        heldConnections.delete(db);
        db.close();
      }
    },
  };
}

/** The owner file as last written, or null when absent or unreadable. */
export function readLockOwner(dataDir: string): LockOwner | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8'));
  } catch {
    return null;
  }
  return isLockOwner(parsed) ? parsed : null;
}

/**
 * Opens `piket.lock` and takes SQLite's EXCLUSIVE lock for the life of the connection: exclusive locking mode
 * keeps it after COMMIT, and the tiny write makes sure the file is a database. Returns null when another
 * process (or another connection of this one) holds it. A file that is not a lock database (the PID file of
 * earlier versions, or one torn by a crash mid-write) is emptied in place, never unlinked, so that every starter
 * always locks the same file.
 */
function holdLockDatabase(folder: string, nativeBinding: string | undefined): Database.Database | null {
  const file = join(folder, LOCK_FILE);
  let emptied = false;
  for (let attempt = 1; ; attempt++) {
    let db: Database.Database;
    try {
      db = new Database(file, { nativeBinding });
    } catch (error) {
      throw folderError(folder, error);
    }
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('busy_timeout = 0');
      db.pragma('journal_mode = MEMORY');
      db.exec('BEGIN EXCLUSIVE');
      db.pragma('user_version = 1');
      db.exec('COMMIT');
      return db;
    } catch (error) {
      db.close();
      const code = sqliteCode(error);
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        if (attempt >= BUSY_ATTEMPTS) return null;
        pause(BUSY_PAUSE_MS.min + Math.random() * (BUSY_PAUSE_MS.max - BUSY_PAUSE_MS.min));
        continue;
      }
      if (!emptied && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) {
        // No connection of this process holds the lock (it would have answered busy before reading), so no
        // descriptor closed here can drop it. Emptying a file another starter meanwhile locked is harmless: the
        // lock stays on the same file, and its holder never reads or writes it again.
        emptied = true;
        try {
          truncateSync(file, 0);
        } catch (truncateError) {
          throw folderError(folder, truncateError);
        }
        continue;
      }
      throw folderError(folder, error);
    }
  }
}

/** Writes the owner file whole (a temp file renamed over it), readable by this user only. */
function writeOwner(folder: string, owner: LockOwner): void {
  const target = join(folder, OWNER_FILE);
  const temp = `${target}.tmp`;
  rmSync(temp, { force: true });
  writeFileSync(temp, `${JSON.stringify(owner)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temp, target);
}

function isLockOwner(value: unknown): value is LockOwner {
  if (typeof value !== 'object' || value === null) return false;
  const { pid, role, startedAt, control } = value as Record<string, unknown>;
  return (
    Number.isInteger(pid) &&
    (pid as number) > 0 &&
    typeof role === 'string' &&
    typeof startedAt === 'number' &&
    Number.isFinite(startedAt) &&
    (control === null || isControlEndpoint(control))
  );
}

function isControlEndpoint(value: unknown): value is ControlEndpoint {
  if (typeof value !== 'object' || value === null) return false;
  const { path, token } = value as Record<string, unknown>;
  return typeof path === 'string' && typeof token === 'string';
}

function sqliteCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

function folderError(folder: string, cause: unknown): Error {
  const reason = cause instanceof Error ? ` (${cause.message})` : '';
  return new Error(
    `Piket cannot lock its data folder ${folder}${reason}. Check that it is a folder you may write to, ` +
      'or point Piket at another data folder.',
    { cause },
  );
}

/** Blocks this thread for `ms` milliseconds (acquiring is synchronous, and the wait is a few milliseconds). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
