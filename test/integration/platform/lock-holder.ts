// A child process for the instance-lock tests: takes or releases a data folder's lock on each JSON command read
// from stdin and reports the outcome as one JSON line on stdout, so tests can race real processes, kill one with
// SIGKILL, and see what another process sees. Closing stdin releases the lock and ends the process. Run with
// --expose-gc, so a test can drop the lock's handle and collect the garbage.
import { createInterface } from 'node:readline';
import { acquireInstanceLock, type InstanceLock } from '../../../src/platform/instance-lock';

export type HolderCommand =
  | { op: 'acquire'; dir: string; role: string; dropHandle?: boolean }
  | { op: 'release' }
  | { op: 'collect-garbage' };

export type HolderMessage =
  | { ready: true; pid: number }
  | { acquired: true; uncleanShutdown: boolean }
  | { acquired: false; owner: unknown }
  | { released: true }
  | { collected: true }
  | { error: string };

let lock: InstanceLock | null = null;

function say(message: HolderMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function release(): void {
  if (lock?.acquired) lock.release();
  lock = null;
}

async function run(command: HolderCommand): Promise<HolderMessage> {
  if (command.op === 'release') {
    release();
    return { released: true };
  }
  if (command.op === 'collect-garbage') {
    for (let round = 0; round < 3; round++) {
      globalThis.gc!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { collected: true };
  }
  const taken = acquireInstanceLock(command.dir, { role: command.role });
  if (!command.dropHandle) lock = taken;
  return taken.acquired
    ? { acquired: true, uncleanShutdown: taken.uncleanShutdown }
    : { acquired: false, owner: taken.owner };
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  run(JSON.parse(line) as HolderCommand).then(say, (error: unknown) =>
    say({ error: error instanceof Error ? error.message : String(error) }),
  );
});
lines.on('close', () => {
  release();
  process.exit(0);
});
say({ ready: true, pid: process.pid });
