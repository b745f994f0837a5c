// openDatabase on real files: pragmas, refusing a newer schema untouched, quick and full checks, moving corrupt files
// aside, unwritable folders, and the read-only open of a process that does not own the data folder.
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

/**
 * A database at this version whose index `filler_a` no longer matches its table: one key in the index's page is
 * changed, so the b-tree stays well formed (PRAGMA quick_check passes) but rows 51 and 52 are not found through
 * the index (PRAGMA integrity_check reports them).
 */
function writeDatabaseWithStaleIndex(file: string): void {
  closeDatabase(openDatabase(file).db);
  const db = new Database(file);
  db.exec(
    'CREATE TABLE filler (id INTEGER PRIMARY KEY, a TEXT NOT NULL); CREATE INDEX filler_a ON filler (a)',
  );
  const insert = db.prepare('INSERT INTO filler (a) VALUES (?)');
  for (let i = 0; i < 100; i++) insert.run(`key-${String(i).padStart(4, '0')}`);
  const root = db
    .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'filler_a'")
    .pluck()
    .get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = fs.readFileSync(file);
  const page = bytes.subarray((root - 1) * pageSize, root * pageSize);
  const at = page.indexOf('key-0050');
  expect(at).toBeGreaterThan(0);
  page.write('key-005X', at, 'latin1');
  fs.writeFileSync(file, bytes);
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

  it('checks an existing file quickly by default, in full when asked, and a new file not at all', () => {
    const file = path.join(tempDir(), 'piket.db');
    const created = openDatabase(file);
    expect(created.checked).toBe('none');
    closeDatabase(created.db);
    const quick = openDatabase(file);
    expect(quick).toMatchObject({ checked: 'quick', movedAsideTo: null });
    closeDatabase(quick.db);
    const full = openDatabase(file, { integrityCheck: 'full' });
    expect(full).toMatchObject({ checked: 'full', movedAsideTo: null });
    closeDatabase(full.db);
  });

  it('finds an index that no longer matches its table with the full check only, and moves that file aside', () => {
    const dir = tempDir();
    const file = path.join(dir, 'piket.db');
    writeDatabaseWithStaleIndex(file);
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(file, copy);
    const damaged = sha256(file);

    const quick = openDatabase(copy, { integrityCheck: 'quick', clock });
    expect(quick).toMatchObject({ checked: 'quick', movedAsideTo: null });
    expect(quick.db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(100);
    closeDatabase(quick.db);

    const full = openDatabase(file, { integrityCheck: 'full', clock });
    expect(full).toMatchObject({ checked: 'full', movedAsideTo: `${file}.corrupt-20260304T050607Z` });
    expect(sha256(full.movedAsideTo!)).toBe(damaged);
    expect(full.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'filler'").pluck().get()).toBe(0);
    closeDatabase(full.db);
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
      future.pragma(`user_version = ${LATEST_VERSION + 1}`);
      future.close();
      const before = sha256(file);
      const stat = fs.statSync(file);

      expectStoreError(
        () => openDatabase(file),
        'newer_version',
        new RegExp(
          `written by a newer version of Piket \\(schema ${LATEST_VERSION + 1}; this version knows up to ${LATEST_VERSION}\\)\\. ` +
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
    writer.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const file = path.join(dir, 'piket.db');
    fs.copyFileSync(path.join(dir, 'live.db'), file);
    fs.copyFileSync(path.join(dir, 'live.db-wal'), `${file}-wal`);
    writer.close();
    const before = [sha256(file), sha256(`${file}-wal`)];

    expectStoreError(() => openDatabase(file), 'newer_version', new RegExp(`schema ${LATEST_VERSION + 1}`));
    expect([sha256(file), sha256(`${file}-wal`)]).toEqual(before);
  });

  it('moves a file of random bytes aside, intact, and starts a fresh database', () => {
    const dir = tempDir();
    const file = path.join(dir, 'piket.db');
    const garbage = randomBytes(4096);
    fs.writeFileSync(file, garbage);

    const { db, movedAsideTo, checked } = openDatabase(file, { clock });
    expect(movedAsideTo).toBe(`${file}.corrupt-20260304T050607Z`);
    expect(checked).toBe('none');
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

describe('openDatabase read-only (a process that does not own the data folder)', () => {
  function expectReadOnly(run: () => unknown): void {
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect((thrown as { code?: unknown } | undefined)?.code).toBe('SQLITE_READONLY');
  }

  it("reads beside the owner's connection, and changes neither the file nor its version", () => {
    const file = path.join(tempDir(), 'piket.db');
    const owner = openDatabase(file).db;
    owner.prepare("INSERT INTO settings (key, value) VALUES ('me', '\"Sanne\"')").run();
    owner.pragma('wal_checkpoint(TRUNCATE)');
    const before = { bytes: sha256(file), version: userVersion(owner) };

    const reader = openDatabase(file, { readOnly: true });
    expect(reader).toMatchObject({ movedAsideTo: null, checked: 'none' });
    expect(reader.db.readonly).toBe(true);
    expect(reader.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(reader.db.prepare("SELECT value FROM settings WHERE key = 'me'").pluck().get()).toBe('"Sanne"');
    owner.prepare("UPDATE settings SET value = '\"Joost\"' WHERE key = 'me'").run();
    expect(reader.db.prepare("SELECT value FROM settings WHERE key = 'me'").pluck().get()).toBe('"Joost"');
    owner.prepare("UPDATE settings SET value = '\"Sanne\"' WHERE key = 'me'").run();
    expectReadOnly(() => reader.db.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run());
    expectReadOnly(() => reader.db.pragma(`user_version = ${LATEST_VERSION + 1}`));
    expectReadOnly(() => reader.db.exec('CREATE TABLE intruder (x)'));
    reader.db.close();

    owner.pragma('wal_checkpoint(TRUNCATE)');
    expect(userVersion(owner)).toBe(before.version);
    expect(sha256(file)).toBe(before.bytes);
    closeDatabase(owner);
  });

  it('refuses a missing file with a clear message, creating nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'data', 'piket.db');
    expectStoreError(
      () => openDatabase(file, { readOnly: true }),
      'missing',
      /^There is no database at .*piket\.db yet\. The Piket that owns its data folder creates it/,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it.each([
    [LATEST_VERSION + 1, 'newer_version', /written by a newer version of Piket/],
    [LATEST_VERSION - 1, 'older_version', /the Piket that owns its data folder has not upgraded it yet/],
  ] as const)('refuses schema %i (%s) untouched', (version, code, message) => {
    const dir = tempDir();
    const file = path.join(dir, 'piket.db');
    const other = new Database(file);
    other.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    other.pragma(`user_version = ${version}`);
    other.close();
    const before = sha256(file);

    expectStoreError(() => openDatabase(file, { readOnly: true }), code, message);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['piket.db']);
  });

  it('reports a damaged file and leaves it where it is', () => {
    const dir = tempDir();
    const file = path.join(dir, 'piket.db');
    const garbage = randomBytes(4096);
    fs.writeFileSync(file, garbage);
    expectStoreError(() => openDatabase(file, { readOnly: true }), 'corrupt', /is damaged/);
    expect(fs.readFileSync(file)).toEqual(garbage);
    expect(fs.readdirSync(dir)).toEqual(['piket.db']);
  });
});
