// Alerts benchmarks (issue 8), with 10k open tickets stored, every one with its SLA events armed:
// - the time from the commit of a pulled page that brings a new P1 to the Notifier being called (pull page
//   committed → SLA recompute → scheduler → Alerts → deliveries → notify), 30 times, against a bare better-sqlite3
//   INSERT + COMMIT of one ticket row timed after each;
// - the service's CPU while idle over 60 s, against an idle Node process measured over the same window: the core
//   alone (no sync in the window) once its start is behind it, the goal's figure, and the same with the default
//   sync interval against an idle connection; and before them, what the start costs afterwards: the CPU from the
//   end of the first sync until V8 has collected what it left behind (alerts-service.ts, `settle`).
//
// Two processes, so that the CPU is Piket's alone: this one seeds and serves the Zendesk test server (loopback, no
// rate limits) and creates the P1s on it; Piket runs in the other (alerts-service.ts) as a host runs it
// (openPiketService, start()) with a Notifier that records when it is called.
//
// PIKET_BENCH_ALERTS_IDLE_SECONDS shortens the idle windows and PIKET_BENCH_ALERTS_TICKETS changes the number of open
// tickets, for a quick try.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SYNC_INTERVAL_SECONDS } from '../src/core/settings';
import { seedZendesk, type SeededAccount } from '../test/servers/zendesk/seed';
import { startZendeskServer } from '../test/servers/zendesk/server';
import { ZendeskState } from '../test/servers/zendesk/state';
import type { TicketPriority } from '../test/servers/zendesk/types';
import {
  QUIET_SYNC_SECONDS,
  REDUCER_QUIET_MS,
  REDUCER_WAIT_MS,
  type IdleFigures,
  type P1Figures,
  type P1Parts,
  type ReadyFigures,
  type ServiceReply,
  type ServiceRequest,
  type SettleFigures,
} from './alerts-protocol';
import { seededRandom, type BenchResult } from './result';

const TICKETS = Number(process.env.PIKET_BENCH_ALERTS_TICKETS ?? 10_000);
const IDLE_MS = Number(process.env.PIKET_BENCH_ALERTS_IDLE_SECONDS ?? 60) * 1000;
/** P1s nobody has acknowledged yet among the open tickets: each has its next reminder armed. */
const AWAITING_P1S = 5;
const REPETITIONS = 30;
const MB = 1024 * 1024;
const MINUTE = 60_000;
/** The export leaves out the last minute: whatever the desk creates is this much in the past. */
const PAST_EXPORT_LAG_MS = 61_000;
/** The open tickets were created over this span, the newest two minutes before the desk was seeded. */
const SPREAD_MS = 50 * MINUTE;
const HERE = path.dirname(fileURLToPath(import.meta.url));

const PRIORITY_MIX: ReadonlyArray<readonly [TicketPriority, number]> = [
  ['urgent', 0.05],
  ['high', 0.2],
  ['normal', 0.4],
  ['low', 0.35],
];

/**
 * The account: TICKETS open tickets, created over the last hour and taken up by an agent (so every clock runs and
 * no P1 among them awaits acknowledgement), all past the export lag.
 */
function seedDesk(state: ZendeskState): SeededAccount {
  const account = seedZendesk(state, { tickets: 0, seed: 20260801, requesters: 200 });
  const random = seededRandom(20260801);
  const newest = state.now() - PAST_EXPORT_LAG_MS - MINUTE;
  const requester = (): number => account.requesters[Math.floor(random() * account.requesters.length)]!.id;
  for (let i = 0; i < TICKETS; i += 1) {
    let roll = random();
    const priority = PRIORITY_MIX.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'low';
    const by = requester();
    state.createTicket(
      {
        subject: `Ticket ${i}: the nightly export stopped`,
        description: 'Since the last deploy the nightly export has not run.',
        requester_id: by,
        assignee_id: account.agents[1 + (i % (account.agents.length - 1))]!.id,
        priority,
      },
      { by, at: newest - SPREAD_MS + Math.floor((i / TICKETS) * SPREAD_MS) },
    );
  }
  return account;
}

/** A new, unassigned urgent incident (a P1 awaiting acknowledgement in Piket), just old enough to be exported. */
function createP1(state: ZendeskState, account: SeededAccount, name: string): string {
  const by = account.requesters[0]!.id;
  const ticket = state.createTicket(
    {
      subject: `P1 ${name}: checkout answers 502`,
      description: 'Every checkout fails since a minute ago.',
      requester_id: by,
      priority: 'urgent',
    },
    { by, at: state.now() - PAST_EXPORT_LAG_MS },
  );
  return String(ticket.id);
}

/** The child's next message, or its exit as an error. */
function next(child: ChildProcess): Promise<ServiceReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServiceReply): void => {
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      child.off('message', onMessage);
      reject(new Error(`the Piket process exited (${signal ?? `code ${code}`}) before it answered`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

async function ask<T extends ServiceReply['type']>(
  child: ChildProcess,
  request: ServiceRequest | null,
  type: T,
): Promise<Extract<ServiceReply, { type: T }>> {
  const answer = next(child);
  if (request) child.send(request);
  const reply = await answer;
  if (reply.type === 'error') throw new Error(`the Piket process failed: ${reply.message}`);
  if (reply.type !== type) throw new Error(`the Piket process answered ${reply.type}, not ${type}`);
  return reply as Extract<ServiceReply, { type: T }>;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: 'stop' } satisfies ServiceRequest);
    else child.kill('SIGTERM');
  });
}

/** The CPU time of a Node process that does nothing (one pending timer) over `ms`, measured by itself. */
function idleNode(ms: number): Promise<{ cpuMs: number; wallMs: number }> {
  const script =
    'const cpu = process.cpuUsage(); const start = performance.now(); setTimeout(() => {' +
    ' const { user, system } = process.cpuUsage(cpu);' +
    ' process.stdout.write(JSON.stringify({ cpuMs: (user + system) / 1000, wallMs: performance.now() - start }));' +
    `}, ${ms});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as { cpuMs: number; wallMs: number });
      else reject(new Error(`the idle Node process exited with code ${code}`));
    });
  });
}

interface Idle {
  piket: IdleFigures;
  node: { cpuMs: number; wallMs: number };
}

interface Measured {
  ready: ReadyFigures;
  settled: SettleFigures;
  core: Idle;
  syncing: Idle;
  p1s: P1Figures[];
  load: string;
}

async function measure(dir: string): Promise<Measured> {
  const state = new ZendeskState(Date.now);
  const seedStart = performance.now();
  const account = seedDesk(state);
  const server = await startZendeskServer({ state, rateLimits: false });
  process.stderr.write(
    `bench: alerts: ${TICKETS} open tickets seeded in ${Math.round(performance.now() - seedStart)} ms\n`,
  );
  const child = fork(
    path.join(HERE, 'alerts-service.ts'),
    [
      ...['--data-dir', dir, '--url', server.url],
      ...['--email', account.admin.email, '--token', account.token],
    ],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  try {
    const { figures: ready } = await ask(child, null, 'ready');
    if (ready.openTickets !== TICKETS || ready.futureDeadlines !== TICKETS)
      throw new Error(`the first sync stored ${JSON.stringify(ready)}`);
    const idle = async (syncIntervalSeconds: number): Promise<Idle> => {
      const [{ figures: piket }, node] = await Promise.all([
        ask(child, { type: 'idle', ms: IDLE_MS, syncIntervalSeconds }, 'idle'),
        idleNode(IDLE_MS),
      ]);
      return { piket, node };
    };
    process.stderr.write('bench: alerts: waiting for V8 to collect what the start left behind…\n');
    const { figures: settled } = await ask(child, { type: 'settle' }, 'settle');
    process.stderr.write(`bench: alerts: two idle windows of ${IDLE_MS / 1000} s…\n`);
    // P1s nobody has acknowledged arrive now, so that their reminders (every 5 minutes) fall after the windows.
    for (let i = 0; i < AWAITING_P1S; i += 1) createP1(state, account, `awaiting ${i}`);
    const core = await idle(QUIET_SYNC_SECONDS);
    if (core.piket.awaitingP1s !== AWAITING_P1S)
      throw new Error(`${core.piket.awaitingP1s} P1s await acknowledgement, not ${AWAITING_P1S}`);
    const syncing = await idle(DEFAULT_SYNC_INTERVAL_SECONDS);
    const load = os.loadavg()[0]!.toFixed(1);
    const p1s: P1Figures[] = [];
    for (let i = 0; i < REPETITIONS; i += 1) {
      const externalId = createP1(state, account, `new ${i}`);
      p1s.push((await ask(child, { type: 'p1', externalId }, 'p1')).figures);
    }
    return { ready, settled, core, syncing, p1s, load };
  } finally {
    await stop(child);
    await server.close();
  }
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
const percent = (cpuMs: number, wallMs: number): number => (100 * cpuMs) / wallMs;

function spread(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

function idleFigure(what: string, { piket, node }: Idle, goal: string): BenchResult {
  const value = percent(piket.cpuMs, piket.wallMs);
  const baseline = percent(node.cpuMs, node.wallMs);
  const heap = `the heap in use ${Math.round(piket.heapStartBytes / MB)} MB as it began, ${Math.round(
    piket.heapEndBytes / MB,
  )} MB as it ended`;
  return {
    name:
      `alerts: CPU of the Piket service idle over ${Math.round(piket.wallMs / 1000)} s with ${TICKETS} open ` +
      `tickets (every one's SLA events armed, ${piket.awaitingP1s} P1s awaiting acknowledgement with their reminders ` +
      `armed, none due in the window), ${what} (${round(piket.cpuMs, 1)} ms of CPU; in the window: ` +
      `${piket.notices} notices, ${piket.syncRounds} sync rounds, ${piket.queueChanges} queue changes, ` +
      `${piket.gcs} garbage collections (${piket.majorGcs} major) pausing ${round(piket.gcMs, 1)} ms, ${heap}); ` +
      `baseline: an idle Node process (one pending timer) over the same window, ${round(node.cpuMs, 1)} ms of CPU`,
    value: round(value, 3),
    unit: '% of one core',
    baseline: round(baseline, 3),
    ratio: value > 0 ? round(baseline / value, 3) : null,
    goal,
  };
}

const PART_NAMES: Record<keyof P1Parts, string> = {
  recompute:
    "from the commit to the queueChanged event (PullSync's onChanged: the SLA recompute of the page)",
  timer: "from queueChanged to the scheduler's wake-up (its timer, and whatever the event loop ran first)",
  firedLog: 'the scheduler recording the P1 in the alert log (AlertLog.add: one write transaction)',
  raise: "from there to the notice's record (the P1 ticket's recompute, then the Alerts gate)",
  deliveryLog: 'Alerts recording the notice (AlertDeliveries.enqueue: one write transaction)',
  deliver: 'from there to notify() (the delivery round reads the due notices)',
};

function latencyFigures(p1s: P1Figures[], load: string): BenchResult[] {
  const latency = spread(p1s.map((p) => p.commitToNotifyMs));
  const bare = spread(p1s.map((p) => p.bareCommitMs)).p50;
  const pages = spread(p1s.map((p) => p.pageTickets));
  const total = (['p50', 'p95', 'max'] as const).map((stat): BenchResult => ({
    name:
      `alerts: a new P1 pulled from the Zendesk test server with ${TICKETS} open tickets stored, from the ` +
      'return of the PullStore.applyPage that committed it to the Notifier being called (the SLA recompute of ' +
      'the page, queueChanged, the scheduler timer, the P1 recorded in the alert log and the delivery queue, ' +
      `notify), ${stat} of ${REPETITIONS} (pages of ${pages.p50} ticket(s); 1-minute load average ${load} on ` +
      `${os.cpus().length} cores as they began); baseline: a bare better-sqlite3 INSERT + COMMIT of one ` +
      'ticket_base row into a scratch file with the same schema and pragmas, timed after each P1, median',
    value: round(latency[stat]),
    unit: 'ms',
    baseline: round(bare, 3),
    ratio: round(bare / latency[stat], 3),
    goal: '< 100 ms',
  }));
  const parts = (Object.keys(PART_NAMES) as (keyof P1Parts)[]).map((part): BenchResult => {
    const times = spread(p1s.map((p) => p.parts[part]));
    return {
      name: `alerts: the same P1 path, ${PART_NAMES[part]}, median of ${REPETITIONS} (worst ${round(times.max)} ms)`,
      value: round(times.p50),
      unit: 'ms',
      baseline: round(latency.p50),
      ratio: null,
      goal: 'none: explains the path (baseline = the whole path, median)',
    };
  });
  return [...total, ...parts];
}

function settleFigure({ settled, ready }: Measured): BenchResult {
  const how = settled.reduced
    ? `${settled.reducerGcs} of them run by V8's memory reducer, then ${REDUCER_QUIET_MS / 1000} s without one`
    : `no sign of the memory reducer, so until ${REDUCER_WAIT_MS / 1000} s passed without one`;
  return {
    name:
      `alerts: CPU of the Piket service from the end of its start (the first sync of ${TICKETS} tickets, done ` +
      `${Math.round(ready.startMs)} ms after openPiketService) until V8 had collected what ` +
      `the start left behind: ${Math.round(settled.wallMs / 1000)} s, ${settled.majorGcs} major garbage ` +
      `collections (${how}), no sync, nothing due`,
    value: Math.round(settled.cpuMs),
    unit: 'ms',
    baseline: null,
    ratio: null,
    goal: 'none set: what the start costs afterwards, once (the idle goal is for the core once it is behind it)',
  };
}

function figures(measured: Measured): BenchResult[] {
  const { core, syncing, p1s, load } = measured;
  return [
    ...latencyFigures(p1s, load),
    idleFigure(
      'the core alone once its start is behind it: no sync in the window (sync interval 1 h)',
      core,
      '< 0.5 % of one core',
    ),
    idleFigure(
      `syncing the idle connection every ${DEFAULT_SYNC_INTERVAL_SECONDS} s (the default interval)`,
      syncing,
      'none set: what the default sync interval adds to the core alone (the goal is for the core alone)',
    ),
    settleFigure(measured),
  ];
}

export async function runAlertsBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'piket-bench-alerts-'));
  try {
    return figures(await measure(dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
