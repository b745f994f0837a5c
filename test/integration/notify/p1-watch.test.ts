// The notification end-to-end test of issue 8: `piket watch` as a real process (src/cli/main.ts through tsx) on a
// throwaway desktop (Xvfb, a private D-Bus session, dunst), syncing a loopback Zendesk. A P1 created on the server
// becomes a critical notice in dunst's history; an unacknowledged P1 is raised again after 5 minutes; `piket ack`,
// run while watch owns the folder (so it goes over watch's control socket and on to the server), stops the
// reminders of the P1 it acknowledged; and a restarted watch notifies nothing twice.
//
// Everything runs on real time, the server clock being the wall clock: the P1s are created on the server a little
// less than 5 minutes in the past (the ticket export leaves out the last minute anyway), so their first reminder
// falls due within the test. The acknowledged P1's reminder falls due first, the other's a moment later: when the
// other's reminder is in the history, the acknowledged one's would be there before it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { P1_REPEAT_MS } from '../../../src/alerts/policy';
import { MIN_SYNC_INTERVAL_SECONDS } from '../../../src/api/schemas';
import { DATABASE_FILE } from '../../../src/platform/paths';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { SettingsStore } from '../../../src/store/settings-store';
import type { TicketRecord, ZendeskState } from '../../servers/zendesk/state';
import { useTempDirs } from '../../support/temp-dir';
import {
  closeAccount,
  prepareFolder,
  SOURCE,
  startAccount,
  TOKEN,
  TOKEN_ENV,
  type Account,
} from '../../support/zendesk-account';
import { useDesktopSessions, type HistoryEntry } from './desktop-session';

const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));
const DEADLINE_MS = 20_000;
const POLL_MS = 50;
/**
 * From creating the P1s on the server to the acknowledged one's first reminder: time for watch to pull them (it
 * syncs every 10 s), to notify, and for `piket ack` (a process of its own) to land.
 */
const ACK_WINDOW_MS = 28_000;
/** The other P1's reminder falls due this much after the acknowledged one's. */
const REMINDER_GAP_MS = 2_000;

const startSession = useDesktopSessions();
const tempDir = useTempDirs('piket-p1-watch-');
const children: ChildProcess[] = [];
const accounts: Account[] = [];

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch (error) {
      if ((error as { code?: string }).code !== 'ESRCH') throw error;
    }
  }
  await Promise.all(children.map(exited));
  await Promise.all(accounts.map(closeAccount));
});

/** Resolves with `check`'s first non-null value, trying every POLL_MS; rejects after `deadline` (epoch ms). */
async function until<T>(
  check: () => T | null,
  what: string,
  deadline = Date.now() + DEADLINE_MS,
): Promise<T> {
  for (;;) {
    const value = check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** How the child ended (its exit code, or the signal that killed it), or null while it runs. */
function ending(child: ChildProcess): string | number | null {
  return child.exitCode ?? child.signalCode;
}

/** Runs `piket` with `args` as a process of its own group; everything still running is killed at the end. */
function spawnPiket(env: NodeJS.ProcessEnv, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, lines, stderr: () => stderr };
}

/** `piket watch` on `dataDir`, running until stopped with a signal. */
function startWatch(env: NodeJS.ProcessEnv, dataDir: string) {
  const { child, lines, stderr } = spawnPiket(env, ['--data-dir', dataDir, 'watch']);
  const running = (): void => {
    if (ending(child) !== null) throw new Error(`piket watch ended (${ending(child)}): ${stderr()}`);
  };
  return {
    lines,
    stderr,
    /** The first line that matches. */
    line: (pattern: RegExp) =>
      until(() => (running(), lines.find((line) => pattern.test(line)) ?? null), `watch to print ${pattern}`),
    /** Sends the signal and resolves with how it ended. */
    stop: (signal: NodeJS.Signals) => {
      child.kill(signal);
      return until(() => ending(child), 'watch to stop');
    },
  };
}

/** Runs a `piket` command to its end. */
async function piket(env: NodeJS.ProcessEnv, args: string[]) {
  const { child, lines, stderr } = spawnPiket(env, args);
  const code = await until(() => ending(child), `piket ${args.join(' ')} to finish`);
  return { code, stdout: lines.join('\n'), stderr: stderr() };
}

/** A new, unassigned urgent incident (a P1 in Piket) created on the server at `at`. */
function createP1(state: ZendeskState, subject: string, requester: number, at: number): TicketRecord {
  return state.createTicket(
    {
      subject,
      description: `${subject}: customers are affected.`,
      requester_id: requester,
      priority: 'urgent',
    },
    { by: requester, at },
  );
}

function syncEvery(dataDir: string, seconds: number): void {
  const { db } = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    new SettingsStore(db).set('syncIntervalSeconds', seconds);
  } finally {
    closeDatabase(db);
  }
}

/** Watch's line for a notice it handed over and the notification service took. */
const noticeLine = (title: string): RegExp =>
  new RegExp(` notice: ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(critical(, late)?; shown\\)$`);

const summaries = (entries: HistoryEntry[]): string[] => entries.map((entry) => entry.summary.data).sort();

function expectCritical(entry: HistoryEntry): void {
  expect(entry.message.data).toBe(`urgency=CRITICAL ${entry.summary.data}`);
  if (entry.urgency) expect(entry.urgency.data).toBe('CRITICAL');
  expect(entry.appname.data).toBe('Piket');
  expect(entry.timeout.data).toBe(0);
}

describe('piket watch on a desktop with dunst, syncing a Zendesk', () => {
  it('notifies a new P1 at once and again until it is acknowledged, stops after piket ack, and never twice across a restart', async () => {
    const desktop = await startSession({ dunst: true });
    const account = await startAccount({ tickets: 0, now: Date.now });
    accounts.push(account);
    const { state } = account;
    const requester = account.seeded.requesters[0]!.id;
    const dataDir = tempDir();
    prepareFolder(dataDir, account.url, 100, Date.now());
    syncEvery(dataDir, MIN_SYNC_INTERVAL_SECONDS);
    const env = { ...desktop.env, [TOKEN_ENV]: TOKEN };

    const first = startWatch(env, dataDir);
    await first.line(/ Zendesk \(faults\): up to date$/);

    // Two P1s arrive on the server while watch runs; its next sync pulls them.
    const ackedRemindsAt = Date.now() + ACK_WINDOW_MS;
    const acked = createP1(state, 'Payments API down for Acme', requester, ackedRemindsAt - P1_REPEAT_MS);
    const ignored = createP1(
      state,
      'Login page answers 502 at Globex',
      requester,
      ackedRemindsAt + REMINDER_GAP_MS - P1_REPEAT_MS,
    );
    for (const ticket of [acked, ignored]) {
      expectCritical(await desktop.historyEntry(`New P1: ${ticket.subject}`));
      await first.line(noticeLine(`New P1: ${ticket.subject}`));
    }

    // Acknowledged with the CLI while watch owns the folder: watch records it and sends it to the server.
    const ack = await piket(env, ['--data-dir', dataDir, 'ack', String(acked.id)]);
    expect(ack).toEqual({
      code: 0,
      stdout: `${SOURCE}:${acked.id}: acknowledge recorded and sent to Zendesk (faults).`,
      stderr: '',
    });
    if (Date.now() >= ackedRemindsAt)
      throw new Error(
        'piket ack landed after the reminder it should stop fell due: this machine is too slow',
      );
    expect(state.tickets.get(acked.id)).toMatchObject({
      status: 'open',
      assigneeId: account.seeded.admin.id,
    });

    // Five minutes after its creation the other P1 is raised again; the acknowledged one is not.
    const reminder = await until(
      () =>
        desktop
          .history()
          .find((entry) => entry.summary.data === `P1 still not acknowledged: ${ignored.subject}`) ?? null,
      'the reminder of the unacknowledged P1',
      ackedRemindsAt + REMINDER_GAP_MS + DEADLINE_MS,
    );
    expectCritical(reminder);
    expect(reminder.body.data).toBe(`Ticket ${ignored.id}: nobody has acknowledged it for 5 minutes`);
    await first.line(noticeLine(`P1 still not acknowledged: ${ignored.subject}`));
    const shown = summaries(desktop.history());
    expect(shown).toEqual(
      [
        `New P1: ${acked.subject}`,
        `New P1: ${ignored.subject}`,
        `P1 still not acknowledged: ${ignored.subject}`,
      ].sort(),
    );
    expect(first.lines.filter((line) => line.includes(' notice: '))).toHaveLength(3);

    // Restarted, watch raises nothing it raised before: the P1 that came in meanwhile is the only new notice.
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.lines.at(-1)).toBe('Stopped watching.');
    expect(first.stderr()).toBe('');
    const meanwhile = createP1(state, 'Checkout times out at Initech', requester, Date.now() - 90_000);
    const second = startWatch(env, dataDir);
    expectCritical(await desktop.historyEntry(`New P1: ${meanwhile.subject}`));
    expect(summaries(desktop.history())).toEqual([...shown, `New P1: ${meanwhile.subject}`].sort());
    await second.line(noticeLine(`New P1: ${meanwhile.subject}`));
    expect(second.lines.filter((line) => line.includes(' notice: '))).toHaveLength(1);

    expect(await second.stop('SIGINT')).toBe(0);
    expect(second.lines.at(-1)).toBe('Stopped watching.');
    expect(second.stderr()).toBe('');
  }, 90_000);
});
