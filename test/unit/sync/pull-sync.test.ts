// PullSync against a real store on the fake clock: pages drain resource by resource, a failure is reported per
// connection and never loses committed pages, every call has a deadline and close() aborts it, backoff follows the
// error class, and the triggers (start, interval, page limit, sync now, wake) pull when they should.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/api';
import {
  ConnectorError,
  type CallOptions,
  type Connector,
  type ConnectorErrorKind,
  type PullPage,
} from '../../../src/connectors/connector';
import { EARLIEST_INSTANT, LATEST_INSTANT } from '../../../src/connectors/record-schemas';
import type { TicketRecord } from '../../../src/domain/ticket';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { OutboxStore } from '../../../src/store/outbox-store';
import { PullStore } from '../../../src/store/pull-store';
import {
  BACKOFF_CAP_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  MAX_PAGES_PER_ROUND,
  PullSync,
  TICKETS_RESOURCE,
  type PullSyncOptions,
} from '../../../src/sync/pull-sync';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { customerRecord, ticketRecord } from '../../support/records';
import { PULL_ONLY } from '../../support/pull-only';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);
const INTERVAL = 30_000;
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function ticket(n: number, source = 'scripted'): TicketRecord {
  return ticketRecord({
    source,
    externalId: `T-${n}`,
    customerExternalId: 'acme',
    subject: `Ticket ${n}`,
    description: 'Something broke.',
    createdAt: NOW - 1000 * n,
    updatedAt: NOW - 1000 * n,
  });
}

interface Call {
  resource: string;
  cursor: string | null;
  signal: AbortSignal;
}

type Answer = (call: Call) => Promise<PullPage> | PullPage;

/** A connection whose every pull is answered by `answer`; it records each call. */
function connector(
  answer: Answer,
  { source = 'scripted', label = 'Scripted desk', resources = [TICKETS_RESOURCE] } = {},
): Connector & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    source,
    label,
    resources,
    calls,
    async pull(resource: string, cursor: string | null, { signal }: CallOptions) {
      const call = { resource, cursor, signal };
      calls.push(call);
      return answer(call);
    },
    async whoAmI() {
      return { userId: '1', name: 'Ann', email: null, role: 'agent', canExport: true };
    },
    ...PULL_ONLY,
  };
}

/** Numbered pages of two tickets each; `pages` of them, then empty pages. */
function paged(pages: number, source = 'scripted'): Answer {
  return ({ cursor }) => {
    const index = cursor === null ? 0 : Number(cursor);
    if (index >= pages) return { customers: [], tickets: [], cursor: String(index), hasMore: false };
    return {
      customers:
        index === 0 ? [customerRecord({ source, externalId: 'acme', name: 'Acme', updatedAt: NOW })] : [],
      tickets: [ticket(index * 2 + 1, source), ticket(index * 2 + 2, source)],
      cursor: String(index + 1),
      hasMore: index + 1 < pages,
    };
  };
}

function failing(kind: ConnectorErrorKind, message: string, retryAfterMs?: number): Answer {
  return () => {
    throw new ConnectorError(kind, message, { retryAfterMs });
  };
}

/** A pull that settles only when its signal aborts, as a well-behaved connector's hung request does. */
const hangs: Answer = ({ signal }) =>
  new Promise<PullPage>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

/** Lets the promises and timers the fake clock fired run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function setup(
  connectors: readonly Connector[],
  options: Partial<PullSyncOptions> & { clock?: FakeClock } = {},
) {
  const { db } = openDatabase(join(tempDir(), 'piket.db'));
  closers.push(() => closeDatabase(db));
  const clock = options.clock ?? createFakeClock(NOW);
  const store = new PullStore(db, clock);
  const statuses: SyncStatus[] = [];
  const changed: number[] = [];
  let list = connectors;
  const sync = new PullSync({
    store,
    outbox: new OutboxStore(db, clock),
    clock,
    connectors: () => list,
    intervalMs: () => INTERVAL,
    appVersion: '1.0.0',
    random: () => 0.5,
    onChanged: (ids) => changed.push(...ids),
    onStatus: (status) => statuses.push(status),
    ...options,
  });
  closers.unshift(() => sync.close());
  const count = () => db.prepare<[], number>('SELECT count(*) FROM ticket_effective').pluck().get()!;
  return {
    db,
    store,
    sync,
    clock,
    statuses,
    changed,
    count,
    setConnectors: (next: readonly Connector[]) => (list = next),
  };
}

describe('PullSync rounds', () => {
  it('drains every page in one round, passing each stored cursor back (invariant 3: page and cursor together)', async () => {
    const desk = connector(paged(3));
    const { store, sync, changed } = setup([desk]);
    const status = await sync.syncNow();
    expect(status).toEqual({
      state: 'idle',
      lastSyncAt: NOW,
      message: null,
      connections: [
        {
          source: 'scripted',
          label: 'Scripted desk',
          state: 'idle',
          lastSuccessAt: NOW,
          lastAttemptAt: NOW,
          message: null,
          rejected: 0,
          nextAttemptAt: null,
          waiting: 0,
          problems: 0,
        },
      ],
    });
    expect(desk.calls.map((call) => call.cursor)).toEqual([null, '1', '2']);
    expect(changed).toHaveLength(6);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('3');
  });

  it('pulls a connection seen for the first time even when the clock moves while the round starts', async () => {
    const desk = connector(paged(1));
    const base = createFakeClock(NOW);
    let ticks = 0;
    // Every reading is a millisecond later than the one before.
    const clock: FakeClock = { ...base, now: () => base.now() + ticks++ };
    const { sync } = setup([desk], { clock });
    const status = await sync.syncNow();
    expect(desk.calls).toHaveLength(1);
    expect(status.connections[0]!.lastAttemptAt).not.toBeNull();
  });

  it('pulls each resource in the order the connector lists them, each after its own cursor', async () => {
    const desk = connector(
      ({ resource, cursor }) => ({
        customers: [],
        tickets: [],
        cursor: `${resource}-${cursor === null ? 1 : Number(cursor.split('-')[1]) + 1}`,
        hasMore: false,
      }),
      { resources: ['tickets', 'events'] },
    );
    const { store, sync } = setup([desk]);
    await sync.syncNow();
    await sync.syncNow();
    expect(desk.calls.map(({ resource, cursor }) => `${resource} ${cursor}`)).toEqual([
      'tickets null',
      'events null',
      'tickets tickets-1',
      'events events-1',
    ]);
    expect([store.getCursor('scripted', 'tickets'), store.getCursor('scripted', 'events')]).toEqual([
      'tickets-2',
      'events-2',
    ]);
  });

  it('reports a failing connection by name, keeps the pages committed before it, and syncs the others', async () => {
    let failAt: number | null = 1;
    const broken = connector((call) => {
      if (call.cursor === String(failAt)) throw new Error('HTTP 503 Service Unavailable');
      return paged(3)(call);
    });
    const other = connector(paged(1, 'other'), { source: 'other', label: 'Other desk' });
    const { store, sync, statuses } = setup([broken, other]);
    const status = await sync.syncNow();
    expect(status.state).toBe('error');
    expect(status.message).toBe('Scripted desk: HTTP 503 Service Unavailable');
    expect(status.connections.map((c) => [c.source, c.state, c.lastSuccessAt])).toEqual([
      ['scripted', 'error', null],
      ['other', 'idle', NOW],
    ]);
    expect(status.lastSyncAt).toBeNull();
    expect(statuses.map((s) => s.state)).toEqual(['syncing', 'error']);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('1');
    expect(store.getCursor('other', TICKETS_RESOURCE)).toBe('1');

    failAt = null;
    const healed = await sync.syncNow();
    expect(healed).toMatchObject({ state: 'idle', message: null, lastSyncAt: NOW });
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('3');
  });

  it('keeps a refused record aside, named in the status at every later round until it is accepted; stores the rest', async () => {
    let fixed = false;
    let round = 0;
    const desk = connector(() => {
      round += 1;
      if (round > 1) {
        return { customers: [], tickets: fixed ? [ticket(2)] : [], cursor: `round-${round}`, hasMore: false };
      }
      const bad = { ...ticket(2), priority: 'P9' } as unknown as TicketRecord;
      const foreign = { ...ticket(3), source: 'elsewhere' };
      return {
        customers: [],
        tickets: [ticket(1), bad, foreign, ticket(4)],
        cursor: 'after-page',
        hasMore: false,
      };
    });
    const { store, sync, count } = setup([desk]);
    const status = await sync.syncNow();
    expect(status.state).toBe('error');
    expect(status.connections[0]).toMatchObject({ state: 'idle', rejected: 2, lastSuccessAt: NOW });
    expect(status.message).toContain('Scripted desk: 2 records refused and kept aside (');
    expect(status.message).toContain('ticket T-2: priority:');
    expect(status.message).toContain('ticket T-3: comes from another source (elsewhere)');
    expect(count()).toBe(2);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('after-page');

    const clean = await sync.syncNow();
    expect(clean).toMatchObject({ state: 'error', connections: [{ rejected: 2 }] });
    expect(clean.message).toContain('ticket T-2: priority:');

    fixed = true;
    await sync.syncNow();
    expect(sync.getStatus().connections[0]).toMatchObject({ rejected: 1 });
    expect(sync.getStatus().message).toMatch(/1 record refused and kept aside \(ticket T-3/);
    expect(count()).toBe(3);
  });

  it('refuses records with instants outside 2000–2100 like any invalid record, and stores the rest', async () => {
    const desk = connector(() => {
      const farFuture = { ...ticket(2), createdAt: 8.64e15 - 3_600_000 };
      const inSeconds = { ...ticket(3), updatedAt: Math.floor(NOW / 1000) };
      const noteInMicroseconds = {
        ...ticket(4),
        notes: [{ externalId: 'n1', author: 'Ann', body: 'Hi', public: true, createdAt: NOW * 1000 }],
      };
      const lastValid = { ...ticket(5), createdAt: EARLIEST_INSTANT, updatedAt: LATEST_INSTANT - 1 };
      return {
        customers: [],
        tickets: [ticket(1), farFuture, inSeconds, noteInMicroseconds, lastValid],
        cursor: 'after-page',
        hasMore: false,
      };
    });
    const { store, sync, changed } = setup([desk]);
    const status = await sync.syncNow();
    expect(status.state).toBe('error');
    expect(status.connections[0]!.rejected).toBe(3);
    expect(status.message).toContain('ticket T-2: createdAt: must be an instant in ms before 2100-01-01 UTC');
    expect(status.message).toContain(
      'ticket T-3: updatedAt: must be an instant in ms from 2000-01-01 UTC on',
    );
    expect(status.message).toContain('ticket T-4: notes.0.createdAt: must be an instant in ms before 2100');
    expect(changed).toHaveLength(2);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('after-page');
  });

  it('treats a page whose frame is broken as a protocol error and stores nothing of it', async () => {
    const desk = connector(
      () => ({ customers: [], tickets: [ticket(1)], hasMore: false }) as unknown as PullPage,
    );
    const { store, sync, count } = setup([desk]);
    const status = await sync.syncNow();
    expect(status.connections[0]).toMatchObject({
      state: 'error',
      message: 'Scripted desk sent a page Piket cannot read.',
    });
    expect(count()).toBe(0);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBeNull();
  });

  it('stops a connection whose cursor does not move while it says more is ready, instead of looping', async () => {
    const desk = connector(({ cursor }) => ({
      customers: [],
      tickets: [ticket(1)],
      cursor: cursor ?? 'stuck',
      hasMore: true,
    }));
    const { store, sync } = setup([desk]);
    const status = await sync.syncNow();
    expect(desk.calls).toHaveLength(2);
    expect(status.connections[0]).toMatchObject({ state: 'error' });
    expect(status.message).toMatch(
      /Scripted desk said more tickets were ready but handed back the same cursor/,
    );
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('stuck');
  });

  it('stores nothing more once closed, even from a pull that was under way, and aborts that pull', async () => {
    let release: (page: PullPage) => void = () => undefined;
    const desk = connector(() => new Promise<PullPage>((resolve) => (release = resolve)));
    const { store, sync, count } = setup([desk]);
    const round = sync.syncNow();
    await settle();
    sync.close();
    expect(desk.calls[0]!.signal.aborted).toBe(true);
    release({ customers: [], tickets: [ticket(1)], cursor: '1', hasMore: false });
    await round;
    expect(count()).toBe(0);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBeNull();
    const after = await sync.syncNow();
    expect(after).toBe(sync.getStatus());
    expect(desk.calls).toHaveLength(1);
  });

  it('joins the round under way instead of starting a second one', async () => {
    const desk = connector(paged(1));
    const { sync } = setup([desk]);
    const [first, second] = [sync.syncNow(), sync.syncNow()];
    expect(first).toBe(second);
    await first;
    expect(desk.calls.map((call) => call.cursor)).toEqual([null]);
  });

  it('does not call an empty round (no connection) "synced just now"', async () => {
    const desk = connector(paged(1));
    const { sync, setConnectors, clock } = setup([]);
    expect(await sync.syncNow()).toEqual({ state: 'idle', lastSyncAt: null, message: null, connections: [] });
    setConnectors([desk]);
    await sync.syncNow();
    clock.advance(5 * 60_000);
    setConnectors([]);
    expect(await sync.syncNow()).toEqual({ state: 'idle', lastSyncAt: NOW, message: null, connections: [] });
  });
});

describe('PullSync deadlines', () => {
  it('gives up on a hung pull after the timeout, on the fake clock, and pulls again later', async () => {
    let answer: Answer = hangs;
    const desk = connector((call) => answer(call));
    const { sync, clock } = setup([desk]);
    sync.start();
    await settle();
    clock.advance(DEFAULT_REQUEST_TIMEOUT_MS - 1);
    await settle();
    expect(sync.getStatus().state).toBe('syncing');
    clock.advance(1);
    await settle();
    expect(desk.calls[0]!.signal.aborted).toBe(true);
    expect(sync.getStatus().connections[0]).toMatchObject({
      state: 'error',
      message: 'Scripted desk did not answer within 60 s',
      nextAttemptAt: clock.now() + 500,
    });
    answer = paged(1);
    clock.advance(500);
    await settle();
    expect(desk.calls).toHaveLength(2);
    expect(sync.getStatus().state).toBe('idle');
  });

  it('stops waiting for a pull that ignores its signal, and honours a configured timeout', async () => {
    const desk = connector(() => new Promise<PullPage>(() => undefined));
    const { sync, clock } = setup([desk], { requestTimeoutMs: 5_000 });
    const round = sync.syncNow();
    await settle();
    clock.advance(5_000);
    const status = await round;
    expect(status.connections[0]).toMatchObject({
      state: 'error',
      message: 'Scripted desk did not answer within 5 s',
    });
  });
});

describe('PullSync backoff by error class', () => {
  it('waits as a rate limit says, even when asked to sync now', async () => {
    let answer: Answer = failing('rate_limited', 'Zendesk is rate limiting Piket.', 90_000);
    const desk = connector((call) => answer(call));
    const { sync, clock } = setup([desk]);
    sync.start();
    await settle();
    expect(sync.getStatus().connections[0]).toMatchObject({
      state: 'error',
      message: 'Zendesk is rate limiting Piket.',
      nextAttemptAt: NOW + 90_000,
    });
    answer = paged(1);
    clock.advance(60_000);
    await sync.syncNow();
    await sync.wake();
    await settle();
    expect(desk.calls).toHaveLength(1);
    clock.advance(30_000);
    await settle();
    expect(desk.calls).toHaveLength(2);
    expect(sync.getStatus().connections[0]).toMatchObject({ state: 'idle', lastSuccessAt: NOW + 90_000 });
  });

  it.each([
    ['transient', 'error'],
    ['network', 'offline'],
    ['timeout', 'error'],
    ['protocol', 'error'],
  ] as const)('backs off a %s failure exponentially with full jitter, as %s', async (kind, state) => {
    const draws: number[] = [];
    const random = () => {
      draws.push(0.5);
      return 0.5;
    };
    const desk = connector(failing(kind, 'Zendesk could not be reached.'));
    const { sync, clock } = setup([desk], { random });
    sync.start();
    await settle();
    const waits: number[] = [];
    for (let failure = 1; failure <= 11; failure++) {
      const { nextAttemptAt, state: now } = sync.getStatus().connections[0]!;
      expect(now).toBe(state);
      waits.push(nextAttemptAt! - clock.now());
      clock.advance(nextAttemptAt! - clock.now() - 1);
      await settle();
      expect(desk.calls).toHaveLength(failure);
      clock.advance(1);
      await settle();
    }
    expect(waits).toEqual([
      500,
      1000,
      2000,
      4000,
      8000,
      16000,
      32000,
      64000,
      128000,
      BACKOFF_CAP_MS / 2,
      BACKOFF_CAP_MS / 2,
    ]);
    expect(draws).toHaveLength(12);
  });

  it('draws each wait from the whole range: a random 0 retries at once, a random just under 1 waits the full step', async () => {
    let next = 0;
    const desk = connector(failing('transient', 'HTTP 502'));
    const { sync, clock } = setup([desk], { random: () => next });
    await sync.syncNow();
    expect(sync.getStatus().connections[0]!.nextAttemptAt).toBe(clock.now());
    next = 0.999;
    await sync.syncNow();
    expect(sync.getStatus().connections[0]!.nextAttemptAt).toBe(clock.now() + 1998);
  });

  it.each(['auth', 'permission'] as const)(
    'stops pulling after a %s failure, says why, and goes on only when the user syncs again',
    async (kind) => {
      let answer: Answer = failing(kind, 'Zendesk refused the token.');
      const desk = connector((call) => answer(call));
      const { sync, clock } = setup([desk]);
      sync.start();
      await settle();
      expect(sync.getStatus()).toMatchObject({
        state: 'error',
        message:
          'Scripted desk: Zendesk refused the token. Pulling from Scripted desk is paused until you sync again or change the connection.',
        connections: [{ state: 'stopped', nextAttemptAt: null }],
      });
      clock.advance(24 * 60 * 60_000);
      await sync.wake();
      await settle();
      expect(desk.calls).toHaveLength(1);

      answer = paged(1);
      const status = await sync.syncNow();
      expect(desk.calls).toHaveLength(2);
      expect(status).toMatchObject({ state: 'idle', message: null, connections: [{ state: 'idle' }] });
    },
  );

  it('wake() pulls at once a connection waiting out its backoff', async () => {
    let answer: Answer = failing('network', 'Zendesk could not be reached.');
    const desk = connector((call) => answer(call));
    const { sync } = setup([desk], { random: () => 0.99 });
    for (let i = 0; i < 6; i++) await sync.syncNow();
    expect(sync.getStatus().connections[0]!.state).toBe('offline');
    answer = paged(1);
    const status = await sync.wake();
    expect(desk.calls).toHaveLength(7);
    expect(status.connections[0]).toMatchObject({ state: 'idle', nextAttemptAt: null });
  });
});

describe('PullSync triggers', () => {
  it('pulls on start and then every interval', async () => {
    const desk = connector(paged(1));
    const { sync, clock } = setup([desk]);
    sync.start();
    await settle();
    expect(desk.calls).toHaveLength(1);
    clock.advance(INTERVAL - 1);
    await settle();
    expect(desk.calls).toHaveLength(1);
    clock.advance(1);
    await settle();
    expect(desk.calls).toHaveLength(2);
    clock.advance(INTERVAL);
    await settle();
    expect(desk.calls).toHaveLength(3);
  });

  it('takes a changed interval from the next round on (the setting can change while Piket runs)', async () => {
    const desk = connector(paged(1));
    let interval = INTERVAL;
    const { sync, clock } = setup([desk], { intervalMs: () => interval });
    sync.start();
    await settle();
    interval = 2 * INTERVAL;
    clock.advance(INTERVAL);
    await settle();
    expect(desk.calls).toHaveLength(2);
    clock.advance(2 * INTERVAL - 1);
    await settle();
    expect(desk.calls).toHaveLength(2);
    clock.advance(1);
    await settle();
    expect(desk.calls).toHaveLength(3);
  });

  it('goes on at once after a round cut short by the page limit, not a whole interval later, and lets the others pull between', async () => {
    const pages = MAX_PAGES_PER_ROUND + 5;
    const order: string[] = [];
    const busy = connector((call) => (order.push('busy'), paged(pages)(call)));
    const quiet = connector((call) => (order.push('quiet'), paged(1, 'quiet')(call)), {
      source: 'quiet',
      label: 'Quiet desk',
    });
    const { sync, clock, store, statuses } = setup([busy, quiet]);
    sync.start();
    await settle();
    expect(clock.now()).toBe(NOW);
    expect(busy.calls).toHaveLength(pages);
    expect(order.indexOf('quiet')).toBe(MAX_PAGES_PER_ROUND);
    expect(statuses.map((status) => status.state)).toEqual(['syncing', 'idle', 'syncing', 'idle']);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe(String(pages));
    clock.advance(INTERVAL - 1);
    await settle();
    expect(busy.calls).toHaveLength(pages);
    expect(quiet.calls).toHaveLength(1);
  });

  it('wake() pulls a healthy connection before its interval is up', async () => {
    const desk = connector(paged(1));
    const { sync, clock } = setup([desk]);
    sync.start();
    await settle();
    clock.sleepTo(NOW + 10_000);
    await sync.wake();
    expect(desk.calls).toHaveLength(2);
  });
});
