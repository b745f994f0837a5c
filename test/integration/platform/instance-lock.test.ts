// The data folder's instance lock on real files and real processes: one owner among racing starters, the kernel
// frees the lock of a killed owner (reported as an unclean shutdown), live processes that do not hold the lock never
// block, the PID file of earlier versions is replaced, and the owner is named to whoever is refused.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireInstanceLock,
  LOCK_FILE,
  OWNER_FILE,
  readLockOwner,
  type InstanceLock,
  type LockOwner,
} from '../../../src/platform/instance-lock';
import { useTempDirs } from '../../support/temp-dir';
import { useChildProcesses } from './lock-processes';

const tempDir = useTempDirs();
const processes = useChildProcesses();
const STARTED = Date.UTC(2026, 2, 4, 5, 6, 7);

const held: InstanceLock[] = [];
afterEach(() => {
  for (const lock of held.splice(0)) if (lock.acquired) lock.release();
});

/** Acquires in this process, as 'app', at a fixed start time; released after the test. */
function acquireHere(dir: string): InstanceLock {
  const lock = acquireInstanceLock(dir, { role: 'app', now: () => STARTED });
  held.push(lock);
  return lock;
}

function acquired(lock: InstanceLock): Extract<InstanceLock, { acquired: true }> {
  if (!lock.acquired) throw new Error(`expected the lock, but ${JSON.stringify(lock.owner)} owns it`);
  return lock;
}

function writeOwnerFile(dir: string, owner: LockOwner): void {
  fs.writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify(owner));
}

describe('acquireInstanceLock across processes', () => {
  it('gives the folder to exactly one of 8 processes that try at once, round after round', async () => {
    const holders = await Promise.all(Array.from({ length: 8 }, () => processes.holder()));
    for (let round = 0; round < 5; round++) {
      const dir = tempDir();
      const outcomes = await Promise.all(holders.map((h) => h.send({ op: 'acquire', dir, role: 'cli' })));

      const winners = holders.filter((_, i) => 'acquired' in outcomes[i]! && outcomes[i]!.acquired);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!;
      for (const outcome of outcomes) {
        if ('acquired' in outcome && !outcome.acquired && outcome.owner !== null)
          expect(outcome.owner).toMatchObject({ pid: winner.pid, role: 'cli' });
      }
      expect(acquireHere(dir)).toEqual({
        acquired: false,
        owner: { pid: winner.pid, role: 'cli', startedAt: expect.any(Number), control: null },
      });
      await Promise.all(holders.map((h) => h.send({ op: 'release' })));
    }
  });

  it('takes over from an owner killed with SIGKILL and reports the unclean shutdown; a clean release does not', async () => {
    const dir = tempDir();
    const first = await processes.holder();
    expect(await first.send({ op: 'acquire', dir, role: 'web' })).toEqual({
      acquired: true,
      uncleanShutdown: false,
    });
    expect(acquireHere(dir)).toMatchObject({ acquired: false, owner: { pid: first.pid, role: 'web' } });

    await first.kill();
    expect(readLockOwner(dir)).toMatchObject({ pid: first.pid, role: 'web' });
    const second = await processes.holder();
    expect(await second.send({ op: 'acquire', dir, role: 'web' })).toEqual({
      acquired: true,
      uncleanShutdown: true,
    });
    expect(readLockOwner(dir)).toMatchObject({ pid: second.pid, role: 'web' });
    expect(await second.send({ op: 'release' })).toEqual({ released: true });
    expect(fs.existsSync(path.join(dir, OWNER_FILE))).toBe(false);

    expect(acquired(acquireHere(dir)).uncleanShutdown).toBe(false);
  });

  it('holds the lock after the owner drops its handle and the garbage is collected', async () => {
    const dir = tempDir();
    const owner = await processes.holder();
    expect(await owner.send({ op: 'acquire', dir, role: 'web', dropHandle: true })).toMatchObject({
      acquired: true,
    });
    expect(await owner.send({ op: 'collect-garbage' })).toEqual({ collected: true });
    expect(acquireHere(dir)).toMatchObject({ acquired: false, owner: { pid: owner.pid, role: 'web' } });
  });

  it('is not blocked by an owner file naming a live process that does not hold the lock', () => {
    const dir = tempDir();
    const bystander = processes.bystander();
    writeOwnerFile(dir, { pid: bystander.pid!, role: 'app', startedAt: STARTED, control: null });

    const lock = acquired(acquireHere(dir));
    expect(lock.uncleanShutdown).toBe(true);
    expect(readLockOwner(dir)).toEqual({ pid: process.pid, role: 'app', startedAt: STARTED, control: null });
  });

  it('replaces the PID file of earlier versions, even one naming a live process, with a lock that holds', async () => {
    const dir = tempDir();
    const bystander = processes.bystander();
    fs.writeFileSync(path.join(dir, LOCK_FILE), String(bystander.pid));

    const lock = acquired(acquireHere(dir));
    expect(lock.uncleanShutdown).toBe(false);
    const other = await processes.holder();
    expect(await other.send({ op: 'acquire', dir, role: 'cli' })).toEqual({
      acquired: false,
      owner: { pid: process.pid, role: 'app', startedAt: STARTED, control: null },
    });
    lock.release();
    // Read only once released: closing any descriptor of the file would drop this process's lock on it.
    expect(fs.readFileSync(path.join(dir, LOCK_FILE)).subarray(0, 16).toString('latin1')).toBe(
      'SQLite format 3\0',
    );
    expect(await other.send({ op: 'acquire', dir, role: 'cli' })).toEqual({
      acquired: true,
      uncleanShutdown: false,
    });
  });

  it('names the control endpoint the owner publishes to a refused process, in a file only its user can read', async () => {
    const dir = tempDir();
    const lock = acquired(acquireHere(dir));
    const control = { path: path.join(dir, 'control.sock'), token: 'a-secret-token' };
    lock.publish(control);

    expect(fs.statSync(path.join(dir, OWNER_FILE)).mode & 0o777).toBe(0o600);
    const other = await processes.holder();
    expect(await other.send({ op: 'acquire', dir, role: 'cli' })).toEqual({
      acquired: false,
      owner: { pid: process.pid, role: 'app', startedAt: STARTED, control },
    });
  });
});

describe('acquireInstanceLock in one process', () => {
  it('refuses a second acquire while the first is held, naming the owner, and gives it out again once released', () => {
    const dir = tempDir();
    const first = acquired(acquireHere(dir));
    expect(first.uncleanShutdown).toBe(false);
    expect(acquireInstanceLock(dir, { role: 'cli' })).toEqual({
      acquired: false,
      owner: { pid: process.pid, role: 'app', startedAt: STARTED, control: null },
    });

    first.release();
    first.release();
    expect(fs.existsSync(path.join(dir, OWNER_FILE))).toBe(false);
    expect(() => first.publish({ path: 'x', token: 'y' })).toThrow(/was released/);
    expect(acquired(acquireHere(dir)).uncleanShutdown).toBe(false);
  });

  it('creates a missing data folder', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    acquired(acquireHere(dir));
    expect(readLockOwner(dir)).toMatchObject({ pid: process.pid, role: 'app' });
  });

  it('throws a message naming the folder when the data folder is a file', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, 'a file where the data folder should be');
    expect(() => acquireInstanceLock(file, { role: 'app' })).toThrow(
      `Piket cannot lock its data folder ${file} (`,
    );
  });

  it('reads no owner from a missing, garbled or incomplete owner file', () => {
    const dir = tempDir();
    expect(readLockOwner(dir)).toBeNull();
    for (const text of ['{"pid": 12', '{"pid": 12, "role": "app", "startedAt": 1}', '[]']) {
      fs.writeFileSync(path.join(dir, OWNER_FILE), text);
      expect(readLockOwner(dir)).toBeNull();
    }
  });
});
