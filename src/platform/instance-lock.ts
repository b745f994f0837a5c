// One Piket process writes a data folder at a time: a lock file holding the owner's process id, taken over when
// that process is gone.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'piket.lock';

export type InstanceLock = { acquired: true; release(): void } | { acquired: false; ownerPid: number };

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireInstanceLock(
  dataDir: string,
  pid: number = process.pid,
  isAlive: (pid: number) => boolean = processIsAlive,
): InstanceLock {
  const file = join(dataDir, LOCK_FILE);
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(pid));
      closeSync(fd);
      return {
        acquired: true,
        release: () => {
          if (ownerOf(file) === pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(file);
      if (owner !== null && owner !== pid && isAlive(owner)) return { acquired: false, ownerPid: owner };
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${file}; remove it if no Piket is running.`);
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
