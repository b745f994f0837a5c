// The data folder's instance lock on real files: one owner at a time, stale locks taken over, released on close.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireInstanceLock, LOCK_FILE } from '../../../src/platform/instance-lock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const ME = 4242;
const OTHER = 5151;

describe('acquireInstanceLock', () => {
  it('takes a free folder, writes the owner, and releases it', () => {
    const dir = tempDir();
    const lock = acquireInstanceLock(dir, ME, () => true);
    expect(lock.acquired).toBe(true);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(ME));
    if (lock.acquired) lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('names the living owner and leaves its lock alone', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), String(OTHER));
    expect(acquireInstanceLock(dir, ME, (pid) => pid === OTHER)).toEqual({
      acquired: false,
      ownerPid: OTHER,
    });
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(OTHER));
  });

  it('takes over the lock of a process that is gone, or a garbled lock file', () => {
    for (const content of [String(OTHER), 'not a pid']) {
      const dir = tempDir();
      writeFileSync(join(dir, LOCK_FILE), content);
      expect(acquireInstanceLock(dir, ME, () => false).acquired).toBe(true);
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(ME));
    }
  });

  it('does not remove a lock that another process took over meanwhile', () => {
    const dir = tempDir();
    const lock = acquireInstanceLock(dir, ME, () => false);
    writeFileSync(join(dir, LOCK_FILE), String(OTHER));
    if (lock.acquired) lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(OTHER));
  });
});
