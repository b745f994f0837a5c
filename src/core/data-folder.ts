// Opens a data folder for this process. The folder's lock comes first: only its owner may migrate, check in full,
// repair or move the database aside and write to it; any other process opens the database read-only.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import {
  acquireInstanceLock,
  type ControlEndpoint,
  type InstanceLock,
  type LockOwner,
} from '../platform/instance-lock';
import { DATABASE_FILE } from '../platform/paths';
import { closeDatabase, describeOutboxRescue, openDatabase, StoreError } from '../store/database';

/** A failure to start that the user can act on; its message is meant to be shown as is. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export interface DataFolderOptions {
  dataDir: string;
  /** Who opens it ('app', 'web', 'watch', 'cli'), named to other processes while this one owns the folder. */
  role: string;
  /** When another Piket owns the folder: refuse to start (hosts) or only read (the CLI). */
  whenLocked: 'refuse' | 'read-only';
  nativeBinding?: string;
  log: (line: string) => void;
}

export interface DataFolder {
  db: Database.Database;
  /** Why this process only reads (another Piket owns the folder), or null when it owns it. */
  readOnlyReason: string | null;
  /** What the user must know from opening, e.g. that a damaged database was moved aside. */
  notices: string[];
  /** Tells other processes where the owner listens for their calls (owner only). */
  publish(control: ControlEndpoint): void;
  close(): void;
}

function describeOwner(owner: LockOwner | null): string {
  return owner ? `${owner.role}, process ${owner.pid}` : 'another process';
}

function takeLock(options: DataFolderOptions): InstanceLock {
  let lock: InstanceLock;
  try {
    lock = acquireInstanceLock(options.dataDir, {
      role: options.role,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : '';
    throw new StartupError(
      `Piket cannot use the data folder ${options.dataDir}${reason}. Check its permissions, or point Piket at another data folder.`,
    );
  }
  if (!lock.acquired && options.whenLocked === 'refuse') {
    throw new StartupError(
      `Piket is already running with the data folder ${options.dataDir} (${describeOwner(lock.owner)}). Use that one, or start this one with another data folder.`,
    );
  }
  return lock;
}

export function openDataFolder(options: DataFolderOptions): DataFolder {
  const file = join(options.dataDir, DATABASE_FILE);
  const lock = takeLock(options);
  const notices: string[] = [];
  let db: Database.Database;
  try {
    if (lock.acquired) {
      if (lock.uncleanShutdown)
        options.log('Piket did not shut down cleanly last time: checking the whole database.');
      const opened = openDatabase(file, {
        nativeBinding: options.nativeBinding,
        integrityCheck: lock.uncleanShutdown ? 'full' : 'quick',
      });
      db = opened.db;
      if (opened.movedAsideTo) {
        const rescue = opened.outboxRescue ? ` ${describeOutboxRescue(opened.outboxRescue)}` : '';
        const notice = `The database at ${file} was damaged. It was moved aside to ${opened.movedAsideTo} (nothing was deleted) and a fresh one was created; tickets are synced again from their sources.${rescue}`;
        notices.push(notice);
        options.log(notice);
      }
    } else {
      db = openDatabase(file, { nativeBinding: options.nativeBinding, readOnly: true }).db;
    }
  } catch (error) {
    if (lock.acquired) lock.release();
    if (error instanceof StoreError) throw new StartupError(error.message);
    throw error;
  }
  return {
    db,
    readOnlyReason: lock.acquired
      ? null
      : `Another Piket (${describeOwner(lock.owner)}) is running with this data folder; it does the syncing and the writing.`,
    notices,
    publish: (control) => {
      if (lock.acquired) lock.publish(control);
    },
    close: () => {
      if (!lock.acquired) return db.close();
      closeDatabase(db);
      lock.release();
    },
  };
}
