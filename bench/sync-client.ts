// The Piket side of the sync benchmark, in a process of its own (forked by sync.bench.ts with an IPC channel) so
// that its peak memory is Piket's alone: the real Zendesk connector, PullSync, PushSync, PullStore and OutboxStore on
// a real SQLite file, against the test server in another process. It runs the phase each message asks for and
// answers with where the time went:
// - `initial`: the first sync of the whole account, with the RSS sampled every 50 ms and the kernel's peak (maxRSS);
// - `baseline`: raw better-sqlite3 upserts of the rows that sync stored (ticket_base, note_base, customers and
//   ticket_effective with its FTS index: the same schema, made by the same migrations) into a fresh file, 1,000
//   tickets per transaction as the export's pages; only the transactions are timed;
// - `incremental`: one round after the desk changed tickets, each page timed in PullStore.applyPage and from the
//   last byte of its export's answer to its commit;
// - `push`: notes recorded in the outbox and sent with PushSync, after the same notes sent as bare fetch PUTs.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Connector } from '../src/connectors/connector';
import { zendesk } from '../src/connectors/zendesk';
import { isOpenStatus } from '../src/domain/ticket';
import { createSystemClock } from '../src/platform/system-clock';
import { PIKET_VERSION } from '../src/platform/version';
import { closeDatabase, openDatabase } from '../src/store/database';
import { customerId, type BaseRow } from '../src/store/effective-rows';
import { OutboxStore } from '../src/store/outbox-store';
import { PullStore } from '../src/store/pull-store';
import { PullSync } from '../src/sync/pull-sync';
import { PushSync } from '../src/sync/push-sync';
import type {
  BaselineFigures,
  ClientReply,
  ClientRequest,
  IncrementalFigures,
  IncrementalPage,
  InitialFigures,
  PushFigures,
} from './sync-protocol';

const SOURCE = 'bench';
const PAGE_SIZE = 1000;
const RSS_SAMPLE_MS = 50;
const REQUEST_TIMEOUT_MS = 120_000;
const COMMIT_SAMPLES = 50;
const MAX_RETRIES = 3;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    email: { type: 'string' },
    db: { type: 'string' },
    baseline: { type: 'string' },
  },
});
const url = args.url!;
const token = args.token!;
const email = args.email!;

function send(message: ClientReply): void {
  process.send!(message);
}

// ---- where the time goes -------------------------------------------------------------------------------------

/** Every request Piket makes, from its start to the last byte of its answer. */
const http = { ms: 0, requests: 0, lastExportArrival: 0 };
const bareFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const start = performance.now();
  const response = await bareFetch(input, init);
  const text = response.text.bind(response);
  const fromExport = String(input instanceof Request ? input.url : input).includes('/api/v2/incremental/');
  Object.defineProperty(response, 'text', {
    value: async () => {
      try {
        return await text();
      } finally {
        const end = performance.now();
        http.ms += end - start;
        http.requests += 1;
        if (fromExport) http.lastExportArrival = end;
      }
    },
  });
  return response;
};

/** CPU time (user + system) of this process since `since`, in milliseconds. */
function cpuSince(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

/** Replaces `object[name]` with a version that reports its wall and CPU time (and arguments) to `onDone`. */
function timeMethod<T extends object, K extends keyof T>(
  object: T,
  name: K,
  onDone: (time: { ms: number; cpuMs: number; end: number }, args: unknown[]) => void,
): void {
  const original = object[name] as (...args: unknown[]) => unknown;
  const timed = (...callArgs: unknown[]): unknown => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const done = (): void => {
      const end = performance.now();
      onDone({ ms: end - start, cpuMs: cpuSince(cpu), end }, callArgs);
    };
    const result = original.apply(object, callArgs);
    if (result instanceof Promise) return result.finally(done);
    done();
    return result;
  };
  object[name] = timed as T[K];
}

// ---- Piket ---------------------------------------------------------------------------------------------------

const clock = createSystemClock();
const { db } = openDatabase(args.db!);
const store = new PullStore(db, clock);
const outbox = new OutboxStore(db, clock);
const connector: Connector = zendesk.create(
  {
    id: SOURCE,
    kind: 'zendesk',
    label: 'Zendesk (bench)',
    url,
    login: email,
    secretRef: { store: 'env', name: 'ZENDESK_TOKEN' },
    options: {},
    createdAt: clock.now(),
    identity: null,
  },
  { secret: () => token, clock, log: () => undefined },
);
const sync = new PullSync({
  store,
  outbox,
  clock,
  connectors: () => [connector],
  intervalMs: () => 30_000,
  appVersion: PIKET_VERSION,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  onChanged: () => undefined,
  onStatus: () => undefined,
});

/** What the timers below add up, reset by each phase. */
let pullMs = 0;
let pages: IncrementalPage[] = [];
let applyTicketsMs = 0;
let outboxMs = 0;
/** Rounds run again because the connection broke off (see syncRound). */
let retries = 0;
timeMethod(connector, 'pull', ({ ms }) => {
  pullMs += ms;
});
timeMethod(store, 'applyPage', ({ ms, cpuMs, end }, [, resource, page]) => {
  const { tickets, additions } = page as { tickets: unknown[]; additions?: unknown[] };
  pages.push({
    resource: resource as string,
    tickets: tickets.length,
    additions: additions?.length ?? 0,
    applyMs: ms,
    applyCpuMs: cpuMs,
    arrivalToCommitMs: end - http.lastExportArrival,
  });
});
timeMethod(store, 'applyTickets', ({ ms }) => {
  applyTicketsMs += ms;
});
for (const name of ['due', 'markInflight', 'markAcked'] as const) {
  timeMethod(outbox, name, ({ ms }) => {
    outboxMs += ms;
  });
}

function resetTimers(): void {
  Object.assign(http, { ms: 0, requests: 0, lastExportArrival: 0 });
  retries = 0;
  pullMs = 0;
  pages = [];
  applyTicketsMs = 0;
  outboxMs = 0;
}

/**
 * One sync until it ends clean. A round is run again (as the app would after its backoff) in two cases:
 * - PullSync's first round passes over a connection it has just met when the clock ticks between its two readings
 *   of it (round() reads now, then connectionOf() sets the new connection due at a later now);
 * - the connection broke off: a request went out on a kept-alive socket the server had just closed, which happens
 *   when either process was held up for seconds (the server closes idle sockets after 5 s). Pages are committed with
 *   their cursors, so the next round goes on where this one stopped.
 */
async function syncRound(): Promise<void> {
  let status = await sync.syncNow();
  if (status.connections[0]?.lastAttemptAt === null) status = await sync.syncNow();
  for (let retry = 0; retry < MAX_RETRIES && status.connections[0]?.state === 'offline'; retry += 1) {
    retries += 1;
    status = await sync.syncNow();
  }
  const connection = status.connections[0];
  if (
    connection?.state !== 'idle' ||
    connection.lastSuccessAt === null ||
    connection.message !== null ||
    connection.rejected > 0
  )
    throw new Error(`the sync did not end clean: ${JSON.stringify(connection)}`);
}

function count(sql: string): number {
  return db.prepare<[], number>(sql).pluck().get()!;
}

async function initial(): Promise<InitialFigures> {
  resetTimers();
  const rssBeforeBytes = process.memoryUsage().rss;
  let rssSampledPeakBytes = rssBeforeBytes;
  const sampler = setInterval(() => {
    rssSampledPeakBytes = Math.max(rssSampledPeakBytes, process.memoryUsage().rss);
  }, RSS_SAMPLE_MS);
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    await syncRound();
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - start;
  const cpuMs = cpuSince(cpu);
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const applyMs: Record<string, number> = {};
  const pageCounts: Record<string, number> = {};
  let additions = 0;
  let applyCpuMs = 0;
  for (const page of pages) {
    additions += page.additions;
    applyCpuMs += page.applyCpuMs;
    applyMs[page.resource] = (applyMs[page.resource] ?? 0) + page.applyMs;
    pageCounts[page.resource] = (pageCounts[page.resource] ?? 0) + 1;
  }
  return {
    tickets: count('SELECT count(*) FROM ticket_effective'),
    wallMs,
    httpMs: http.ms,
    requests: http.requests,
    pullMs,
    applyMs,
    pages: pageCounts,
    additions,
    retries,
    cpuMs,
    applyCpuMs,
    rssBeforeBytes,
    rssSampledPeakBytes,
    maxRssBytes,
  };
}

interface NoteRow {
  ticket_external_id: string;
  external_id: string;
  author: string;
  body: string;
  public: number;
  created_at: number;
}

/** The raw upserts of one page of tickets with their notes, in one transaction. */
function rawWriter(target: Database.Database): (tickets: BaseRow[], notes: NoteRow[]) => void {
  const upsertBase = target.prepare(`
    INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind, cve_id,
      severity, status, assignee, created_at, first_response_at, resolved_at, server_updated_at, history)
    VALUES (@source, @external_id, @customer_external_id, @subject, @description, @priority, @kind, @cve_id,
      @severity, @status, @assignee, @created_at, @first_response_at, @resolved_at, @server_updated_at, @history)
    ON CONFLICT (source, external_id) DO UPDATE SET customer_external_id = excluded.customer_external_id,
      subject = excluded.subject, description = excluded.description, priority = excluded.priority,
      kind = excluded.kind, cve_id = excluded.cve_id, severity = excluded.severity, status = excluded.status,
      assignee = excluded.assignee, created_at = excluded.created_at,
      first_response_at = excluded.first_response_at, resolved_at = excluded.resolved_at,
      server_updated_at = excluded.server_updated_at, history = excluded.history
    WHERE excluded.server_updated_at >= ticket_base.server_updated_at`);
  const upsertNote = target.prepare(`
    INSERT INTO note_base (source, ticket_external_id, external_id, author, body, public, created_at)
    VALUES (@source, @ticket_external_id, @external_id, @author, @body, @public, @created_at)
    ON CONFLICT (source, ticket_external_id, external_id) DO UPDATE SET author = excluded.author,
      body = excluded.body, public = excluded.public, created_at = excluded.created_at`);
  const upsertEffective = target.prepare(`
    INSERT INTO ticket_effective (source, external_id, customer_id, subject, description, notes_text, priority,
      status, kind, cve_id, severity, assignee, created_at, first_response_at, resolved_at, updated_at, is_open,
      has_pending, history)
    VALUES (@source, @external_id, @customer_id, @subject, @description, @notes_text, @priority, @status, @kind,
      @cve_id, @severity, @assignee, @created_at, @first_response_at, @resolved_at, @server_updated_at, @is_open, 0,
      @history)
    ON CONFLICT (source, external_id) DO UPDATE SET customer_id = excluded.customer_id,
      subject = excluded.subject, description = excluded.description, notes_text = excluded.notes_text,
      priority = excluded.priority, status = excluded.status, kind = excluded.kind, cve_id = excluded.cve_id,
      severity = excluded.severity, assignee = excluded.assignee, created_at = excluded.created_at,
      first_response_at = excluded.first_response_at, resolved_at = excluded.resolved_at,
      updated_at = excluded.updated_at, is_open = excluded.is_open, history = excluded.history`);
  return target.transaction((tickets: BaseRow[], notes: NoteRow[]) => {
    for (const ticket of tickets) upsertBase.run(ticket);
    const texts = new Map<string, string[]>();
    for (const note of notes) {
      upsertNote.run({ ...note, source: SOURCE });
      const list = texts.get(note.ticket_external_id);
      if (list) list.push(note.body);
      else texts.set(note.ticket_external_id, [note.body]);
    }
    for (const ticket of tickets) {
      upsertEffective.run({
        ...ticket,
        customer_id: customerId(ticket.source, ticket.customer_external_id),
        notes_text: (texts.get(ticket.external_id) ?? []).join('\n'),
        is_open: isOpenStatus(ticket.status) ? 1 : 0,
      });
    }
  });
}

/**
 * Reads what the sync stored, a page of 1,000 tickets at a time (untimed), and upserts it raw into a fresh file with
 * the same schema, one transaction per page: the tickets' base rows, their notes, then their effective rows.
 */
function baseline(): BaselineFigures {
  const { db: target } = openDatabase(args.baseline!);
  try {
    const customers = db.prepare('SELECT * FROM customers').all();
    const insertCustomer = target.prepare(`
      INSERT INTO customers (id, source, external_id, name, tam, lead_engineer, uptime_promise, time_zone, updated_at)
      VALUES (@id, @source, @external_id, @name, @tam, @lead_engineer, @uptime_promise, @time_zone, @updated_at)`);
    const pageOf = db.prepare<[string, number], BaseRow>(
      `SELECT * FROM ticket_base WHERE source = '${SOURCE}' AND external_id > ? ORDER BY external_id LIMIT ?`,
    );
    const notesOf = db.prepare<[string, string], NoteRow>(`
      SELECT ticket_external_id, external_id, author, body, public, created_at FROM note_base
      WHERE source = '${SOURCE}' AND ticket_external_id >= ? AND ticket_external_id <= ?
      ORDER BY ticket_external_id, created_at, external_id`);
    const write = rawWriter(target);
    let ms = 0;
    let cpuMs = 0;
    let rows = 0;
    let notes = 0;
    let after = '';
    const timed = (write: () => void): void => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      write();
      ms += performance.now() - start;
      cpuMs += cpuSince(cpu);
    };
    timed(() => target.transaction(() => customers.forEach((customer) => insertCustomer.run(customer)))());
    for (;;) {
      const tickets = pageOf.all(after, PAGE_SIZE);
      if (tickets.length === 0) break;
      const last = tickets.at(-1)!.external_id;
      const pageNotes = notesOf.all(tickets[0]!.external_id, last);
      timed(() => write(tickets, pageNotes));
      rows += tickets.length;
      notes += pageNotes.length;
      after = last;
    }
    return { rows, notes, ms, cpuMs };
  } finally {
    closeDatabase(target);
  }
}

async function incremental(changed: number): Promise<IncrementalFigures> {
  resetTimers();
  const start = performance.now();
  await syncRound();
  const wallMs = performance.now() - start;
  const tickets = pages.reduce((sum, page) => sum + page.tickets, 0);
  if (tickets < changed)
    throw new Error(`the round brought ${tickets} tickets, not the ${changed} the desk changed`);
  return { wallMs, retries, pages: pages.filter((page) => page.tickets + page.additions > 0) };
}

function pushTickets(wanted: number): string[] {
  return db
    .prepare<[string, number], string>(
      "SELECT external_id FROM ticket_effective WHERE source = ? AND status <> 'closed' ORDER BY id LIMIT ?",
    )
    .pluck()
    .all(SOURCE, wanted);
}

/** The body of note `n`, the same for Piket and the bare requests. */
function noteBody(n: number): string {
  return `Bench note ${n}: checked the logs, nothing unusual since the last deploy.`;
}

async function bare(externalIds: string[], notes: number): Promise<number> {
  const authorization = `Basic ${Buffer.from(`${email}/token:${token}`, 'utf8').toString('base64')}`;
  const start = performance.now();
  for (let n = 0; n < notes; n += 1) {
    const id = externalIds[n % externalIds.length]!;
    const response = await bareFetch(`${url}/api/v2/tickets/${id}.json`, {
      method: 'PUT',
      headers: {
        Authorization: authorization,
        Accept: 'application/json',
        'Content-Type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify({
        ticket: { comment: { body: noteBody(n), public: false }, metadata: { piket_mutation: randomUUID() } },
      }),
    });
    if (!response.ok) throw new Error(`a bare PUT answered ${response.status}: ${await response.text()}`);
    await response.json();
  }
  return performance.now() - start;
}

/** The median time of a one-row write transaction in a scratch file beside Piket's, with Piket's pragmas. */
function commitCost(): number {
  const file = path.join(path.dirname(args.db!), 'commit-cost.db');
  const scratch = new Database(file);
  try {
    scratch.pragma('journal_mode = WAL');
    scratch.pragma('synchronous = FULL');
    scratch.exec('CREATE TABLE t (n INTEGER)');
    const insert = scratch.prepare('INSERT INTO t (n) VALUES (?)');
    const times: number[] = [];
    for (let n = 0; n < COMMIT_SAMPLES; n += 1) {
      const start = performance.now();
      insert.run(n);
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  } finally {
    scratch.close();
  }
}

async function push(externalIds: string[], notes: number): Promise<PushFigures> {
  const bareMs = await bare(externalIds, notes);
  resetTimers();
  const recordStart = performance.now();
  for (let n = 0; n < notes; n += 1) {
    const recorded = outbox.record(
      SOURCE,
      externalIds[n % externalIds.length]!,
      { kind: 'note', body: noteBody(n) },
      email,
    );
    if (!recorded) throw new Error(`ticket ${externalIds[n % externalIds.length]} is not stored`);
  }
  const recordMs = performance.now() - recordStart;
  // The loop above held the event loop for seconds: let the HTTP client see the sockets the server closed meanwhile
  // (its keep-alive timeout is 5 s), so that no note goes out on a dead one.
  await delay(50);
  const pusher = new PushSync({
    outbox,
    store,
    clock,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    backoffMs: () => 1000,
    onChanged: () => undefined,
  });
  const start = performance.now();
  await pusher.push(connector, new AbortController().signal);
  const pushMs = performance.now() - start;
  return {
    notes,
    recordMs,
    pushMs,
    httpMs: http.ms,
    requests: http.requests,
    applyTicketsMs,
    outboxMs,
    acked: count("SELECT count(*) FROM outbox WHERE state = 'acked'"),
    bareMs,
    commitMs: commitCost(),
  };
}

async function handle(request: ClientRequest): Promise<ClientReply> {
  switch (request.type) {
    case 'initial':
      return { type: 'initial', figures: await initial() };
    case 'baseline':
      return { type: 'baseline', figures: baseline() };
    case 'incremental':
      return { type: 'incremental', figures: await incremental(request.changed) };
    case 'pushTickets':
      return { type: 'pushTickets', externalIds: pushTickets(request.count) };
    case 'push':
      return { type: 'push', figures: await push(request.externalIds, request.notes) };
    case 'stop':
      sync.close();
      closeDatabase(db);
      process.exit(0);
  }
}

process.on('message', (request: ClientRequest) => {
  handle(request).then(send, (error: unknown) =>
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
// Never outlive the benchmark that started it.
process.once('disconnect', () => process.exit(0));
send({ type: 'ready' });
