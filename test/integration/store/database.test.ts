// openDatabase on real files: pragmas, refusing a newer schema untouched, moving corrupt files aside, unwritable folders.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, StoreError } from '../../../src/store/database';
import { LATEST_VERSION, userVersion } from '../../../src/store/migrations';
import { useTempDirs } from './support';

const tempDir = useTempDirs();
const isRoot = process.getuid?.() === 0;
const clock = { now: () => Date.UTC(2026, 2, 4, 5, 6, 7, 890) };

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function expectStoreError(run: () => unknown, code: StoreError['code'], message: RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StoreError);
  expect((thrown as StoreError).code).toBe(code);
  expect((thrown as StoreError).message).toMatch(message);
}

/** A healthy database of many pages, so one can be damaged without touching the header. */
function writeBigDatabase(file: string): void {
  const db = new Database(file);
  db.exec(
    'CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL); CREATE INDEX filler_text ON filler (text)',
  );
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(200)}`);
  })();
  db.close();
}

describe('openDatabase', () => {
  it('creates the folder, sets WAL, synchronous=FULL, foreign keys, busy timeout, and migrates', () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'piket.db');
    const { db, movedAsideTo } = openDatabase(file);
    expect(movedAsideTo).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    closeDatabase(db);
    expect(db.open).toBe(false);
    closeDatabase(db);
  });

  it('reopens an existing database with its data', () => {
    const file = path.join(tempDir(), 'piket.db');
    const first = openDatabase(file);
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('me', '\"Sanne\"')").run();
    closeDatabase(first.db);
    const second = openDatabase(file);
    expect(second.movedAsideTo).toBeNull();
    expect(second.db.prepare('SELECT value FROM settings').pluck().get()).toBe('"Sanne"');
    closeDatabase(second.db);
  });

  it.each(['delete', 'wal'])(
    'refuses a newer database (journal mode %s) untouched, with a clear message',
    (mode) => {
      const dir = tempDir();
      const file = path.join(dir, 'piket.db');
      const future = new Database(file);
      future.pragma(`journal_mode = ${mode}`);
      future.exec("CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES ('hello')");
      future.pragma('user_version = 7');
      future.close();
      const before = sha256(file);
      const stat = fs.statSync(file);

      expectStoreError(
        () => openDatabase(file),
        'newer_version',
        new RegExp(
          `written by a newer version of Piket \\(schema 7; this version knows up to ${LATEST_VERSION}\\)\\. ` +
            'Update Piket, or point it at another data folder\\.',
        ),
      );
      expect(sha256(file)).toBe(before);
      expect(fs.statSync(file).mtimeMs).toBe(stat.mtimeMs);
      expect(fs.readdirSync(dir)).toEqual(['piket.db']);
    },
  );

  it('refuses a newer schema that so far lives only in the -wal file, touching neither file', () => {
    const dir = tempDir();
    const writer = new Database(path.join(dir, 'live.db'));
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma('user_version = 9');
    const file = path.join(dir, 'piket.db');
    fs.copyFileSync(path.join(dir, 'live.db'), file);
    fs.copyFileSync(path.join(dir, 'live.db-wal'), `${file}-wal`);
    writer.close();
    const before = [sha256(file), sha256(`${file}-wal`)];

    expectStoreError(() => openDatabase(file), 'newer_version', /schema 9/);
    expect([sha256(file), sha256(`${file}-wal`)]).toEqual(before);
  });

  it('moves a file of random bytes aside, intact, and starts a fresh database', () => {
    const dir = tempDir();
    const file = path.join(dir, 'piket.db');
    const garbage = randomBytes(4096);
    fs.writeFileSync(file, garbage);

    const { db, movedAsideTo } = openDatabase(file, { clock });
    expect(movedAsideTo).toBe(`${file}.corrupt-20260304T050607Z`);
    expect(fs.readFileSync(movedAsideTo!)).toEqual(garbage);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    db.prepare("INSERT INTO settings (key, value) VALUES ('ok', 'true')").run();
    closeDatabase(db);
  });

  it('moves a database with a damaged page aside together with its -wal and -shm files', () => {
    const dir = tempDir();
    const file = path.join(dir, 'piket.db');
    writeBigDatabase(file);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, randomBytes(4096), 0, 4096, 4096 * 3);
    fs.closeSync(fd);
    fs.writeFileSync(`${file}-wal`, 'stale wal');
    fs.writeFileSync(`${file}-shm`, 'stale shm');
    const damaged = sha256(file);

    const { db, movedAsideTo } = openDatabase(file, { clock });
    expect(movedAsideTo).not.toBeNull();
    expect(sha256(movedAsideTo!)).toBe(damaged);
    expect(fs.readFileSync(`${movedAsideTo}-wal`, 'utf8')).toBe('stale wal');
    // The -shm file is only SQLite's index into the -wal file (rebuilt at will), so only its move is checked.
    expect(fs.existsSync(`${movedAsideTo}-shm`)).toBe(true);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'filler'").pluck().get()).toBe(0);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    closeDatabase(db);
  });

  it('never overwrites an earlier moved-aside file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'piket.db');
    fs.writeFileSync(file, randomBytes(4096));
    const first = openDatabase(file, { clock });
    closeDatabase(first.db);
    fs.writeFileSync(file, randomBytes(4096));
    const second = openDatabase(file, { clock });
    closeDatabase(second.db);
    expect(second.movedAsideTo).toBe(`${first.movedAsideTo}-2`);
    expect(fs.existsSync(first.movedAsideTo!)).toBe(true);
  });

  it('treats an empty file as a new database', () => {
    const file = path.join(tempDir(), 'piket.db');
    fs.writeFileSync(file, '');
    const { db, movedAsideTo } = openDatabase(file);
    expect(movedAsideTo).toBeNull();
    expect(userVersion(db)).toBe(LATEST_VERSION);
    closeDatabase(db);
  });

  it('reports a data folder that cannot be created as unwritable, naming the path', () => {
    const blocker = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where the data folder should be');
    const file = path.join(blocker, 'data', 'piket.db');
    expectStoreError(
      () => openDatabase(file),
      'unwritable',
      new RegExp(file.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
  });

  it.skipIf(isRoot)('reports a read-only data folder as unwritable', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o555);
    try {
      expectStoreError(() => openDatabase(path.join(dir, 'piket.db')), 'unwritable', /cannot write/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});
