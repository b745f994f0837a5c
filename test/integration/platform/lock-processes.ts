// Real child processes for the instance-lock tests: lock holders (lock-holder.ts run through tsx) and plain
// `sleep` processes, every one killed after each test. Every wait on a child has a deadline.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { exitOf, withDeadline as waitAtMost } from '../../support/waits';
import type { HolderCommand, HolderMessage } from './lock-holder';

const HOLDER_SCRIPT = fileURLToPath(new URL('./lock-holder.ts', import.meta.url));
const DEADLINE_MS = 20_000;

export interface LockHolder {
  readonly pid: number;
  /** Sends one command and resolves with the child's answer. */
  send(command: HolderCommand): Promise<HolderMessage>;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

export interface ChildProcesses {
  /** Starts a lock holder and resolves once it has loaded the lock module. */
  holder(): Promise<LockHolder>;
  /** A live process that holds no lock: `sleep`. */
  bystander(): ChildProcess;
}

function exited(child: ChildProcess): Promise<void> {
  return withDeadline(exitOf(child), `process ${child.pid} to exit`);
}

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  return waitAtMost(promise, what, DEADLINE_MS);
}

/** Reads one JSON message per stdout line; `next` waits for the next one, failing if the child exits first. */
function messages(child: ChildProcess, stderr: () => string): () => Promise<HolderMessage> {
  const queue: HolderMessage[] = [];
  const waiting: Array<{ resolve: (m: HolderMessage) => void; reject: (e: Error) => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as HolderMessage;
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of waiting.splice(0))
      waiter.reject(new Error(`lock holder exited (${signal ?? code}) without answering: ${stderr()}`));
  });
  return () => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    return withDeadline(
      new Promise<HolderMessage>((resolve, reject) => waiting.push({ resolve, reject })),
      `an answer from lock holder ${child.pid}`,
    );
  };
}

export function useChildProcesses(): ChildProcesses {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    const running = children.splice(0);
    for (const child of running) child.kill('SIGKILL');
    await Promise.all(running.map(exited));
  });

  return {
    holder: async () => {
      const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', HOLDER_SCRIPT], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      children.push(child);
      let errors = '';
      child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      const next = messages(child, () => errors);
      const ready = await next();
      if (!('ready' in ready)) throw new Error(`lock holder did not start: ${JSON.stringify(ready)}`);
      return {
        pid: ready.pid,
        send: (command) => {
          child.stdin!.write(`${JSON.stringify(command)}\n`);
          return next();
        },
        kill: () => {
          child.kill('SIGKILL');
          return exited(child);
        },
      };
    },
    bystander: () => {
      const child = spawn('sleep', ['60'], { stdio: 'ignore' });
      children.push(child);
      return child;
    },
  };
}
