// Real Piket processes for the sync fault tests: each runs sync-child.ts through tsx on a data folder, takes
// commands (sync, act) and can be SIGKILLed at any moment; every one still running is killed after each test.
// Every wait on a child has a deadline.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { SyncStatus } from '../../src/api/contract';
import type { ChildAnswer, ChildCommand, ChildMessage, ChildOptions } from './sync-child';
import { exitOf, withDeadline as waitAtMost } from './waits';
import { TOKEN, TOKEN_ENV, type TicketActionRef } from './zendesk-account';

const CHILD_SCRIPT = fileURLToPath(new URL('./sync-child.ts', import.meta.url));
const DEADLINE_MS = 25_000;

export interface PiketChild {
  readonly pid: number;
  /** Syncs now; resolves with the status once the round is over. */
  sync(): Promise<SyncStatus>;
  /** Makes the actions in one go (each one sets its connection syncing); resolves once all are recorded. */
  act(actions: TicketActionRef[]): Promise<void>;
  /** Closes the service and waits for the process to end. */
  close(): Promise<void>;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  return waitAtMost(promise, what, DEADLINE_MS);
}

function exited(child: ChildProcess): Promise<void> {
  return withDeadline(exitOf(child), `process ${child.pid} to exit`);
}

interface Conversation {
  /** Resolves with the child's first line (ready, or why not). */
  ready: Promise<ChildMessage>;
  /** Sends a command and resolves with its answer; rejects when the child dies first. */
  ask(command: ChildCommand): Promise<ChildAnswer>;
}

function conversation(child: ChildProcess, stderr: () => string): Conversation {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (m: ChildAnswer) => void; reject: (e: Error) => void }>();
  let onReady: (message: ChildMessage) => void = () => undefined;
  const ready = new Promise<ChildMessage>((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code, signal) =>
      reject(new Error(`Piket child exited (${signal ?? code}) before it was ready. ${stderr()}`)),
    );
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as ChildMessage;
    if (!('id' in message)) return onReady(message);
    const { id, ...answer } = message;
    waiting.get(id)?.resolve(answer);
    waiting.delete(id);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of waiting.values())
      waiter.reject(new Error(`Piket child exited (${signal ?? code}) without answering. ${stderr()}`));
    waiting.clear();
  });
  return {
    ready: withDeadline(ready, `Piket child ${child.pid} to start`),
    ask: (command) => {
      const id = nextId++;
      const answer = new Promise<ChildAnswer>((resolve, reject) => waiting.set(id, { resolve, reject }));
      child.stdin!.write(`${JSON.stringify({ id, ...command })}\n`);
      return withDeadline(answer, `an answer from Piket child ${child.pid}`);
    },
  };
}

/** Starts Piket processes on data folders; they are SIGKILLed after each test if still running. */
export function usePiketChildren(): (options: ChildOptions) => Promise<PiketChild> {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    const running = children.splice(0);
    for (const child of running) child.kill('SIGKILL');
    await Promise.all(running.map(exited));
  });

  return async (options) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(options)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, [TOKEN_ENV]: TOKEN },
    });
    children.push(child);
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const { ready: started, ask } = conversation(child, () => errors);
    const expect = async <K extends string>(command: ChildCommand, key: K) => {
      const answer = await ask(command);
      if (!(key in answer)) throw new Error(`Piket child answered ${JSON.stringify(answer)}`);
      return answer as Extract<ChildAnswer, Record<K, unknown>>;
    };
    const ready = await started;
    if (!('ready' in ready)) throw new Error(`Piket child did not start: ${JSON.stringify(ready)}`);
    return {
      pid: ready.pid,
      sync: async () => (await expect({ op: 'sync' }, 'synced')).synced,
      act: async (actions) => void (await expect({ op: 'act', actions }, 'acted')),
      close: () => {
        child.stdin!.end();
        return exited(child);
      },
      kill: () => {
        child.kill('SIGKILL');
        return exited(child);
      },
    };
  };
}
