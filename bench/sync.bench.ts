// Sync benchmarks (issue 7): Piket syncing a 100k-ticket Zendesk test server into SQLite, against raw better-sqlite3
// upserts of the same rows; the time from an incremental round's answers to their commit; the sync's peak RSS; and
// pushing 1,000 queued notes, against 1,000 bare fetch PUTs of the same notes.
//
// Three processes, so that each figure is Piket's alone: this one only orchestrates; the Zendesk test server runs
// in one child (sync-server.ts, seeded once and reused by every phase, no rate limits) and Piket's sync in another
// (sync-client.ts), whose RSS is the sync's.
//
// The account's tickets carry only their creation by default (seed.ts `history: 'none'`, made for large benchmark
// accounts), which keeps the suite within about five minutes on two cores. PIKET_BENCH_SYNC_HISTORY=full seeds a
// support desk's whole history instead (about four comments and five audits a ticket: the realistic case, which
// takes several times longer); PIKET_BENCH_SYNC_TICKETS changes the account's size for a quick try.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './result';
import type {
  BaselineFigures,
  ClientReply,
  ClientRequest,
  IncrementalFigures,
  IncrementalPage,
  InitialFigures,
  PushFigures,
  ServerReply,
  ServerRequest,
} from './sync-protocol';

const TICKETS = Number(process.env.PIKET_BENCH_SYNC_TICKETS ?? 100_000);
const HISTORY = process.env.PIKET_BENCH_SYNC_HISTORY === 'full' ? 'full' : 'none';
const CHANGED = 100;
/** Incremental rounds, each after its own 100 tickets changed; the figures are their median and worst. */
const INCREMENTAL_ROUNDS = 5;
const PUSH_TICKETS = 100;
const NOTES = 1000;
const MB = 1024 * 1024;
const HERE = path.dirname(fileURLToPath(import.meta.url));

function start(script: string, args: string[]): ChildProcess {
  return fork(path.join(HERE, script), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The child's next message (of any type), or its exit as an error. */
function next<T>(child: ChildProcess, name: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T): void => {
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      child.off('message', onMessage);
      reject(new Error(`the ${name} exited (${signal ?? `code ${code}`}) before it answered`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

async function ask<T extends ServerReply['type']>(
  server: ChildProcess,
  request: ServerRequest,
  type: T,
): Promise<Extract<ServerReply, { type: T }>> {
  const answer = next<ServerReply>(server, 'Zendesk test server');
  server.send(request);
  const reply = await answer;
  if (reply.type !== type) throw new Error(`the Zendesk test server answered ${reply.type}, not ${type}`);
  return reply as Extract<ServerReply, { type: T }>;
}

async function run<T extends ClientReply['type']>(
  client: ChildProcess,
  request: ClientRequest,
  type: T,
): Promise<Extract<ClientReply, { type: T }>> {
  const answer = next<ClientReply>(client, 'sync process');
  client.send(request);
  const reply = await answer;
  if (reply.type === 'error') throw new Error(`the sync process failed: ${reply.message}`);
  if (reply.type !== type) throw new Error(`the sync process answered ${reply.type}, not ${type}`);
  return reply as Extract<ClientReply, { type: T }>;
}

function stop(child: ChildProcess, request: ServerRequest | ClientRequest): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send(request);
    else child.kill('SIGTERM');
  });
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const perSecond = (count: number, ms: number): number => Math.round(count / (ms / 1000));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A round's wall time, and over its pages the store's time and the time from each export answer's last byte to its commit. */
/** The note for a figure whose sync had to run rounds again after the connection broke off. */
function retried(retries: number): string {
  return retries === 0
    ? ''
    : `; ${retries} round${retries === 1 ? '' : 's'} run again after the connection broke off`;
}

function roundTimes(figures: IncrementalFigures): {
  wallMs: number;
  retries: number;
  applyMs: number;
  arrivalMs: number;
  pages: IncrementalPage[];
} {
  return {
    wallMs: figures.wallMs,
    retries: figures.retries,
    applyMs: figures.pages.reduce((sum, page) => sum + page.applyMs, 0),
    arrivalMs: figures.pages.reduce((sum, page) => sum + page.arrivalToCommitMs, 0),
    pages: figures.pages,
  };
}

interface Measured {
  initial: InitialFigures;
  raw: BaselineFigures;
  rounds: ReturnType<typeof roundTimes>[];
  push: PushFigures;
  /** The 1-minute load average as the sync began. */
  load: string;
}

/** Seeds the server, then runs each phase in the sync process, checking that it did what it should. */
async function measure(dir: string): Promise<Measured> {
  const server = start('sync-server.ts', ['--tickets', String(TICKETS), '--history', HISTORY]);
  let client: ChildProcess | null = null;
  try {
    const ready = await next<ServerReply>(server, 'Zendesk test server');
    if (ready.type !== 'ready') throw new Error(`the Zendesk test server said ${ready.type} first`);
    process.stderr.write(`bench: sync: ${TICKETS} tickets seeded in ${Math.round(ready.seedMs)} ms\n`);
    client = start('sync-client.ts', [
      ...['--url', ready.url, '--token', ready.token, '--email', ready.admin],
      ...['--db', path.join(dir, 'piket.db'), '--baseline', path.join(dir, 'baseline.db')],
    ]);
    const hello = await next<ClientReply>(client, 'sync process');
    if (hello.type !== 'ready') throw new Error(`the sync process said ${hello.type} first`);

    const load = os.loadavg()[0]!.toFixed(1);
    const initial = (await run(client, { type: 'initial' }, 'initial')).figures;
    if (initial.tickets !== TICKETS)
      throw new Error(`the sync stored ${initial.tickets} tickets, not ${TICKETS}`);
    const raw = (await run(client, { type: 'baseline' }, 'baseline')).figures;
    if (raw.rows !== TICKETS) throw new Error(`the baseline wrote ${raw.rows} tickets, not ${TICKETS}`);

    const rounds = [];
    for (let r = 0; r < INCREMENTAL_ROUNDS; r += 1) {
      const changed = await ask(server, { type: 'change', count: CHANGED, skip: r * CHANGED }, 'changed');
      if (changed.count !== CHANGED)
        throw new Error(`the desk changed ${changed.count} tickets, not ${CHANGED}`);
      const { figures } = await run(client, { type: 'incremental', changed: CHANGED }, 'incremental');
      rounds.push(roundTimes(figures));
    }

    const { externalIds } = await run(client, { type: 'pushTickets', count: PUSH_TICKETS }, 'pushTickets');
    const before = await ask(server, { type: 'comments', ids: externalIds }, 'comments');
    const push = (await run(client, { type: 'push', externalIds, notes: NOTES }, 'push')).figures;
    const after = await ask(server, { type: 'comments', ids: externalIds }, 'comments');
    const added = after.count - before.count;
    if (added !== 2 * NOTES || push.acked !== NOTES)
      throw new Error(
        `expected ${2 * NOTES} new comments and ${NOTES} acknowledged notes, got ${added} and ${push.acked}`,
      );
    return { initial, raw, rounds, push, load };
  } finally {
    if (client) await stop(client, { type: 'stop' });
    await stop(server, { type: 'stop' });
  }
}

function initialFigures({ initial, raw, load }: Measured): BenchResult[] {
  const storeMs = Object.values(initial.applyMs).reduce((sum, ms) => sum + ms, 0);
  const rawRate = perSecond(raw.rows, raw.ms);
  const endToEnd = perSecond(initial.tickets, initial.wallMs);
  const storeRate = perSecond(initial.tickets, storeMs);
  const split = Object.entries(initial.applyMs)
    .map(([resource, ms]) => `${resource} ${Math.round(ms)} ms over ${initial.pages[resource]} pages`)
    .join(', ');
  const writes = round((initial.tickets + initial.additions) / initial.tickets, 2);
  const part = (name: string, ms: number): BenchResult => ({
    name: `sync: the same initial sync, ${name}`,
    value: Math.round(ms),
    unit: 'ms',
    baseline: Math.round(initial.wallMs),
    ratio: null,
    goal: 'none: explains the end-to-end ratio (baseline = the whole sync, wall time)',
  });
  return [
    {
      name:
        `sync: initial sync of ${TICKETS} Zendesk tickets ` +
        `(${HISTORY === 'full' ? 'with their whole history' : 'each with only its creation'}: ` +
        `${initial.pages.tickets} ticket pages, ${initial.pages.events} event pages) from the loopback test server ` +
        'in another process through the Zendesk connector, PullSync and PullStore into SQLite, end to end ' +
        `(1-minute load average ${load} on ${os.cpus().length} cores as it began${retried(initial.retries)})`,
      value: endToEnd,
      unit: 'tickets/s',
      baseline: rawRate,
      ratio: round(endToEnd / rawRate, 3),
      goal:
        `≥ 0.5 × raw better-sqlite3 upserts of the same rows (${raw.rows} tickets into ticket_base and ` +
        `ticket_effective with its FTS5 index, ${raw.notes} notes into note_base: the same schema, made by the same ` +
        'migrations), 1,000 tickets per transaction',
    },
    {
      name:
        `sync: the same initial sync, time inside PullStore.applyPage only (${split}; the event pages brought ` +
        `${initial.additions} additions, each rewriting its ticket's effective row: ${writes} writes per ticket; ` +
        `CPU ${Math.round(initial.applyCpuMs)} ms against ${Math.round(raw.cpuMs)} ms for the raw upserts)`,
      value: storeRate,
      unit: 'tickets/s',
      baseline: rawRate,
      ratio: round(storeRate / rawRate, 3),
      goal: '≥ 0.5 × the same raw upserts (the store share of the sync)',
    },
    part(
      `waiting for HTTP (${initial.requests} requests, from each request's start to the last byte of its answer; ` +
        'the server rendering included)',
      initial.httpMs,
    ),
    part('parsing, validating and mapping the answers inside the connector', initial.pullMs - initial.httpMs),
    part('in PullStore.applyPage (the store)', storeMs),
    part('the rest (page checks, status, cursors)', initial.wallMs - initial.pullMs - storeMs),
    {
      name:
        `sync: peak RSS of the process that runs only Piket's sync, during the ${TICKETS}-ticket sync (the kernel's ` +
        `maxRSS; ${Math.round(initial.rssBeforeBytes / MB)} MB before it began, ` +
        `${Math.round(initial.rssSampledPeakBytes / MB)} MB the highest of the samples taken every 50 ms; the sync ` +
        `process used ${Math.round(initial.cpuMs)} ms of CPU)`,
      value: Math.round(initial.maxRssBytes / MB),
      unit: 'MB',
      baseline: null,
      ratio: null,
      goal: '< 300 MB',
    },
  ];
}

function incrementalFigures({ rounds }: Measured): BenchResult[] {
  const applies = rounds.map((r) => r.applyMs);
  const arrivals = rounds.map((r) => r.arrivalMs);
  const worst = rounds.reduce((a, b) => (b.arrivalMs > a.arrivalMs ? b : a));
  const worstPages = worst.pages
    .map(
      (p) =>
        `${p.resource}: ${p.tickets} tickets + ${p.additions} additions, ${round(p.applyMs)} ms in applyPage`,
    )
    .join('; ');
  return [
    {
      name:
        `sync: incremental round after ${CHANGED} tickets changed on the desk (status, priority and a public reply ` +
        `each), time in PullStore.applyPage for the round's pages, median of ${INCREMENTAL_ROUNDS} rounds (worst ` +
        `${round(Math.max(...applies))} ms; the whole round, HTTP included, took ` +
        `${round(median(rounds.map((r) => r.wallMs)))} ms, median` +
        `${retried(rounds.reduce((sum, r) => sum + r.retries, 0))})`,
      value: round(median(applies)),
      unit: 'ms',
      baseline: null,
      ratio: null,
      goal: '< 100 ms',
    },
    {
      name:
        'sync: the same incremental round, from the last byte of each export answer to its commit (parse, check, ' +
        `map and store), summed over the round's pages, median of ${INCREMENTAL_ROUNDS} rounds (worst ` +
        `${round(Math.max(...arrivals))} ms: ${worstPages})`,
      value: round(median(arrivals)),
      unit: 'ms',
      baseline: null,
      ratio: null,
      goal: '< 100 ms after the response arrives',
    },
  ];
}

function pushFigures({ push }: Measured): BenchResult[] {
  const piketRate = perSecond(push.notes, push.pushMs);
  const bareRate = perSecond(push.notes, push.bareMs);
  const perNote = (ms: number): number => round(ms / push.notes, 2);
  return [
    {
      name:
        `sync: push of ${push.notes} queued notes on ${PUSH_TICKETS} tickets with PushSync through the Zendesk ` +
        `connector, one PUT per note, sequential (per note: ${perNote(push.pushMs)} ms, of which HTTP ` +
        `${perNote(push.httpMs)} ms over ${round(push.requests / push.notes, 2)} requests, storing the answered ` +
        `ticket ${perNote(push.applyTicketsMs)} ms, the outbox ${perNote(push.outboxMs)} ms; one commit costs ` +
        `${round(push.commitMs, 2)} ms on this disk; recording the notes took ${Math.round(push.recordMs)} ms)`,
      value: piketRate,
      unit: 'notes/s',
      baseline: bareRate,
      ratio: round(piketRate / bareRate, 3),
      goal: `none set; baseline: ${push.notes} bare fetch PUTs of the same notes to the same server, sequential`,
    },
  ];
}

export async function runSyncBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'piket-bench-sync-'));
  try {
    const measured = await measure(dir);
    return [...initialFigures(measured), ...incrementalFigures(measured), ...pushFigures(measured)];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
