// The Piket side of the alerts benchmark, in a process of its own (forked by alerts.bench.ts with an IPC channel) so
// that its CPU time is Piket's alone: a real PiketService (openPiketService) on a data folder with one Zendesk
// connection to the loopback test server in the benchmark's process, started as a host starts it, with a Notifier
// that records when it is called. It answers the benchmark's requests:
// - `settle`: sits until V8 has collected the garbage the start left behind, measuring its CPU time meanwhile. After a
//   major collection and once the program allocates little, V8's memory reducer runs up to three more major
//   collections to give memory back, about a minute later (its own timers decide); with the start's heap that costs
//   hundreds of ms of CPU. It is over once a collection of the reducer (flagged ALL_EXTERNAL_MEMORY) was seen and
//   no major one followed for REDUCER_QUIET_MS, or, should it never come, after REDUCER_WAIT_MS without one;
// - `idle`: sits for a while with the sync interval the request sets, and measures its own CPU time meanwhile;
// - `p1`: syncs now and times the new P1 the desk has just created, from the commit of the page that brought it
//   (the return of PullStore.applyPage, the narrowest seam: PullSync calls it and then onChanged) to notify().
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { AlertNotice, DeliveryOutcome, Notifier } from '../src/alerts/notifier';
import { CONTRACTS_FILE } from '../src/core/contracts-file';
import { openPiketService } from '../src/core/piket-service';
import { DATABASE_FILE } from '../src/platform/paths';
import { PIKET_VERSION } from '../src/platform/version';
import { DEFAULT_CONTRACTS, type ContractsConfig } from '../src/sla/contracts';
import { ConnectionStore } from '../src/store/connection-store';
import { closeDatabase, openDatabase } from '../src/store/database';
import { AlertDeliveries, type QueuedNotice } from '../src/store/alert-deliveries';
import { AlertLog } from '../src/store/alert-log';
import { PullStore } from '../src/store/pull-store';
import { SettingsStore } from '../src/store/settings-store';
import { NO_DEADLINE } from '../src/store/ticket-store';
import {
  QUIET_SYNC_SECONDS,
  REDUCER_QUIET_MS,
  REDUCER_WAIT_MS,
  type IdleFigures,
  type P1Figures,
  type ReadyFigures,
  type ServiceReply,
  type ServiceRequest,
  type SettleFigures,
} from './alerts-protocol';

const SOURCE = 'zd';
const TOKEN_ENV = 'PIKET_BENCH_ZENDESK_TOKEN';
const WAIT_MS = 60_000;
const POLL_MS = 5;

/**
 * Every priority's clocks run round the clock, with budgets long enough that every deadline and warning of the
 * seeded tickets (created within the last hour) lies well ahead: whatever the hour the benchmark runs at, every open
 * ticket has its events armed in the scheduler and none falls due while the benchmark measures.
 */
const BENCH_CONTRACTS: ContractsConfig = {
  ...DEFAULT_CONTRACTS,
  policies: {
    standard: {
      ...DEFAULT_CONTRACTS.policies.standard!,
      calendar: 'always',
      priorities: {
        P1: { response: '4h', resolution: '1d' },
        P2: { response: '8h', resolution: '2d' },
        P3: { response: '1d', resolution: '3d' },
        P4: { response: '2d', resolution: '5d' },
      },
    },
  },
};

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    url: { type: 'string' },
    email: { type: 'string' },
    token: { type: 'string' },
  },
});
const dataDir = args['data-dir']!;

function send(message: ServiceReply): void {
  process.send!(message);
}

/** The data folder as a person would have set it up: one Zendesk connection, no demo desk, the bench contracts. */
function prepareFolder(): void {
  const { db } = openDatabase(path.join(dataDir, DATABASE_FILE));
  try {
    const settings = new SettingsStore(db);
    settings.set('demoEnabled', false);
    settings.set('syncIntervalSeconds', QUIET_SYNC_SECONDS);
    new ConnectionStore(db).add({
      id: SOURCE,
      kind: 'zendesk',
      label: 'Zendesk (bench)',
      url: args.url!,
      login: args.email!,
      secretRef: { store: 'env', name: TOKEN_ENV },
      options: {},
      createdAt: Date.now(),
    });
  } finally {
    closeDatabase(db);
  }
  writeFileSync(path.join(dataDir, CONTRACTS_FILE), JSON.stringify(BENCH_CONTRACTS, null, 2));
}

// ---- what the benchmark times ------------------------------------------------------------------------------

/** One call of a store method on the P1 path: when it began and returned, and what it was about. */
interface Call {
  start: number;
  end: number;
  /** The tickets a page changed, or the alert keys a write recorded. */
  about: ReadonlyArray<number | string>;
}

/**
 * Records every call of `prototype[name]` (each instance the service makes) into `calls`, remembering only what
 * `about` picks out of its arguments and result (so no page is kept alive).
 */
function recordCalls<P extends object>(
  prototype: P,
  name: keyof P & string,
  calls: Call[],
  about: (args: unknown[], result: unknown) => ReadonlyArray<number | string>,
): void {
  const original = prototype[name] as (...args: unknown[]) => unknown;
  Object.defineProperty(prototype, name, {
    configurable: true,
    writable: true,
    value: function recorded(this: unknown, ...args: unknown[]): unknown {
      const start = performance.now();
      const result = original.apply(this, args);
      calls.push({ start, end: performance.now(), about: about(args, result) });
      return result;
    },
  });
}

/** Page commits: PullSync calls applyPage, which returns once the page's transaction has committed. */
const commits: Call[] = [];
recordCalls(
  PullStore.prototype,
  'applyPage',
  commits,
  (_, result) => (result as { changedTicketIds: number[] }).changedTicketIds,
);
/** The scheduler's wake-ups: it records the due keys (one write transaction) right before raising them. */
const fired: Call[] = [];
recordCalls(AlertLog.prototype, 'add', fired, ([keys]) => keys as string[]);
/** Alerts records each notice (one write transaction) before it hands it to the Notifier. */
const enqueued: Call[] = [];
recordCalls(AlertDeliveries.prototype, 'enqueue', enqueued, ([notices]) =>
  (notices as QueuedNotice[]).map((notice) => notice.key),
);
const queueChanges: { at: number; ids: number[] }[] = [];

/** Forgets what was recorded, so that nothing piles up between the P1s. */
function forgetCalls(): void {
  for (const calls of [commits, fired, enqueued]) calls.length = 0;
  queueChanges.length = 0;
}

class RecordingNotifier implements Notifier {
  readonly channel = 'desktop';
  readonly calls: { at: number; notice: AlertNotice }[] = [];

  notify(notice: AlertNotice): Promise<DeliveryOutcome> {
    this.calls.push({ at: performance.now(), notice });
    return Promise.resolve('shown');
  }

  problem(): string | null {
    return null;
  }
}

/** Every garbage collection: when it ended, its pause, whether it was major and whether the memory reducer ran it. */
const gcs: { at: number; ms: number; major: boolean; reducer: boolean }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as (PerformanceEntry & {
    detail: { kind: number; flags: number };
  })[]) {
    gcs.push({
      at: entry.startTime + entry.duration,
      ms: entry.duration,
      major: entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      reducer: (entry.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY) !== 0,
    });
  }
}).observe({ type: 'gc' });

// ---- Piket ---------------------------------------------------------------------------------------------------

prepareFolder();
const startedAt = performance.now();
const notifier = new RecordingNotifier();
const service = openPiketService({
  dataDir,
  version: PIKET_VERSION,
  role: 'bench',
  notifier,
  env: { [TOKEN_ENV]: args.token },
  log: (line) => process.stderr.write(`bench: alerts: piket: ${line}\n`),
});
service.on('queueChanged', ({ ticketIds }) => queueChanges.push({ at: performance.now(), ids: ticketIds }));
let syncRounds = 0;
service.on('syncStatus', (status) => {
  if (status.state === 'syncing') syncRounds += 1;
});

const { db: reader } = openDatabase(path.join(dataDir, DATABASE_FILE), { readOnly: true });
const count = (sql: string, ...params: unknown[]): number =>
  reader
    .prepare<unknown[], number>(sql)
    .pluck()
    .get(...params)!;

/** Resolves with `check`'s first non-undefined value, looking every POLL_MS; rejects after WAIT_MS. */
async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  const deadline = performance.now() + WAIT_MS;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Syncs now; the sync must end clean. */
async function syncClean(): Promise<void> {
  const status = await service.handlers.syncNow({});
  const connection = status.connections[0];
  if (connection?.state !== 'idle' || connection.lastSuccessAt === null || connection.rejected > 0)
    throw new Error(`the sync did not end clean: ${JSON.stringify(connection)}`);
}

/** Waits until every P1 awaiting acknowledgement has had its arrival notice; returns how many await it. */
async function arrivalsNotified(): Promise<number> {
  const awaiting = count(
    "SELECT count(*) FROM ticket_effective WHERE is_open = 1 AND priority = 'P1' AND status = 'new'",
  );
  const arrivals = (): number => notifier.calls.filter((c) => c.notice.key.endsWith(':p1:new')).length;
  await until(
    () => (arrivals() >= awaiting ? true : undefined),
    `the notices of the ${awaiting} P1s awaiting acknowledgement`,
  );
  return awaiting;
}

async function ready(): Promise<ReadyFigures> {
  await service.start();
  await syncClean();
  const startMs = performance.now() - startedAt;
  forgetCalls();
  return {
    startMs,
    openTickets: count('SELECT count(*) FROM ticket_effective WHERE is_open = 1'),
    futureDeadlines: count(
      'SELECT count(*) FROM ticket_effective WHERE is_open = 1 AND due_sort > ? AND due_sort < ?',
      Date.now(),
      NO_DEADLINE,
    ),
  };
}

function cpuMsSince(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

async function settle(): Promise<SettleFigures> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const lastMajor = (): number => gcs.findLast((gc) => gc.major)?.at ?? start;
  for (;;) {
    await delay(1000);
    const now = performance.now();
    const reduced = gcs.some((gc) => gc.reducer && gc.at >= start);
    if ((reduced && now - lastMajor() > REDUCER_QUIET_MS) || now - lastMajor() > REDUCER_WAIT_MS) {
      const since = gcs.filter((gc) => gc.at >= start && gc.major);
      return {
        wallMs: now - start,
        cpuMs: cpuMsSince(cpu),
        majorGcs: since.length,
        reducerGcs: since.filter((gc) => gc.reducer).length,
        reduced,
      };
    }
  }
}

async function idle(ms: number, syncIntervalSeconds: number): Promise<IdleFigures> {
  await service.handlers.updateSettings({ syncIntervalSeconds });
  // A round now brings what the desk has new and arms the next one at the new interval.
  await syncClean();
  const awaitingP1s = await arrivalsNotified();
  // The deliveries' bookkeeping after notify() is not the window's.
  await delay(1000);
  const heapStartBytes = process.memoryUsage().heapUsed;
  const before = { notices: notifier.calls.length, rounds: syncRounds, changes: queueChanges.length };
  const cpu = process.cpuUsage();
  const start = performance.now();
  await delay(ms);
  const wallMs = performance.now() - start;
  const cpuMs = cpuMsSince(cpu);
  const heapEndBytes = process.memoryUsage().heapUsed;
  const windowGcs = gcs.filter((gc) => gc.at >= start && gc.at <= start + wallMs);
  await service.handlers.updateSettings({ syncIntervalSeconds: QUIET_SYNC_SECONDS });
  return {
    wallMs,
    cpuMs,
    awaitingP1s,
    notices: notifier.calls.length - before.notices,
    syncRounds: syncRounds - before.rounds,
    queueChanges: queueChanges.length - before.changes,
    gcs: windowGcs.length,
    majorGcs: windowGcs.filter((gc) => gc.major).length,
    gcMs: windowGcs.reduce((sum, gc) => sum + gc.ms, 0),
    heapStartBytes,
    heapEndBytes,
  };
}

/** A scratch file with Piket's schema and pragmas, for the bare commit timed after each P1. */
const scratch = openDatabase(path.join(dataDir, 'bare-commit.db')).db;
const bareInsert = scratch.prepare(`
  INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind, cve_id,
    severity, status, assignee, created_at, first_response_at, resolved_at, server_updated_at, history)
  VALUES (@source, @external_id, 'acme', @subject, @description, 'P1', 'incident', NULL, NULL, 'new', NULL,
    @created_at, NULL, NULL, @created_at, @history)`);
let bareRows = 0;

/** One ticket row inserted and committed by better-sqlite3 alone (autocommit: one INSERT, one COMMIT). */
function bareCommit(): number {
  bareRows += 1;
  const now = Date.now();
  const row = {
    source: SOURCE,
    external_id: `bare-${bareRows}`,
    subject: 'Payments API answers 500 for every checkout',
    description: 'Customers cannot pay since 10:02; the status page is still green.',
    created_at: now,
    history: JSON.stringify([{ at: now, status: 'new', priority: 'P1' }]),
  };
  const start = performance.now();
  bareInsert.run(row);
  return performance.now() - start;
}

/** The first recorded call at or after `since` that `matches`, or an error naming `what`. */
function callOf(calls: Call[], since: number, what: string, matches: (call: Call) => boolean): Call {
  const call = calls.find((c) => c.end >= since && matches(c));
  if (!call) throw new Error(`no ${what} on the path of the P1`);
  return call;
}

async function p1(externalId: string): Promise<P1Figures> {
  const key = `${SOURCE}:${externalId}:p1:new`;
  const since = notifier.calls.length;
  forgetCalls();
  const synced = service.handlers.syncNow({});
  const call = await until(
    () => notifier.calls.slice(since).find((c) => c.notice.key === key),
    `the notice of the new P1 ${externalId}`,
  );
  await synced;
  const ticketId = call.notice.ticketId!;
  const commit = callOf(commits, 0, 'page commit', (c) => c.about.includes(ticketId));
  const change = queueChanges.find((c) => c.at >= commit.end && c.ids.includes(ticketId));
  if (!change) throw new Error(`no queueChanged event for ticket ${ticketId}`);
  const wake = callOf(fired, commit.end, 'scheduler wake-up', (c) => c.about.includes(key));
  const enqueue = callOf(enqueued, wake.end, 'notice recorded', (c) => c.about.includes(key));
  return {
    commitToNotifyMs: call.at - commit.end,
    parts: {
      recompute: change.at - commit.end,
      timer: wake.start - change.at,
      firedLog: wake.end - wake.start,
      raise: enqueue.start - wake.end,
      deliveryLog: enqueue.end - enqueue.start,
      deliver: call.at - enqueue.end,
    },
    pageTickets: commit.about.length,
    bareCommitMs: bareCommit(),
  };
}

async function handle(request: ServiceRequest): Promise<ServiceReply> {
  switch (request.type) {
    case 'settle':
      return { type: 'settle', figures: await settle() };
    case 'idle':
      return { type: 'idle', figures: await idle(request.ms, request.syncIntervalSeconds) };
    case 'p1':
      return { type: 'p1', figures: await p1(request.externalId) };
    case 'stop':
      service.close();
      closeDatabase(scratch);
      reader.close();
      process.exit(0);
  }
}

process.on('message', (request: ServiceRequest) => {
  handle(request).then(send, (error: unknown) =>
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
// Never outlive the benchmark that started it.
process.once('disconnect', () => process.exit(0));
ready().then(
  (figures) => send({ type: 'ready', figures }),
  (error: unknown) =>
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
