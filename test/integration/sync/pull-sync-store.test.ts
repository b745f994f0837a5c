// The pull side end to end on a real database file: a Zendesk-shaped connection (tickets, then an events stream of
// additions and tombstones), refused records that survive rounds and restarts and come back after an upgrade, the
// laptop clock never ordering server data, and the demo desk through interface v2.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  CallOptions,
  Connector,
  PullPage,
  PulledTicket,
  TicketAddition,
  Tombstone,
} from '../../../src/connectors/connector';
import { createDemoDesk, DEMO_RESOURCE } from '../../../src/connectors/demo/demo-desk';
import type { Clock } from '../../../src/domain/clock';
import type { TicketRecord } from '../../../src/domain/ticket';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { OutboxStore } from '../../../src/store/outbox-store';
import { PullStore } from '../../../src/store/pull-store';
import { TicketStore } from '../../../src/store/ticket-store';
import { PullSync } from '../../../src/sync/pull-sync';
import { createFakeClock } from '../../support/fake-clock';
import { ticketRecord } from '../../support/records';
import { PULL_ONLY } from '../../support/pull-only';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function bare(externalId: string, updatedAt = NOW - 10 * MINUTE, overrides: Partial<PulledTicket> = {}) {
  const {
    notes: _notes,
    history: _history,
    ...record
  } = ticketRecord({
    source: 'zd',
    externalId,
    customerExternalId: 'acme',
    createdAt: NOW - 60 * MINUTE,
    updatedAt,
  });
  return { ...record, ...overrides };
}

interface Feed {
  tickets: PulledTicket[][];
  events: { additions?: TicketAddition[]; tombstones?: Tombstone[] }[];
}

/**
 * A connection shaped like the Zendesk one will be: 'tickets' (an export without notes or history), then 'events'
 * (comments and status changes as additions, deletions as tombstones). Each resource serves the batches of its
 * feed in order; its cursor is the number of batches served.
 */
function zendeskShaped(feed: Feed): Connector & { pulls: string[] } {
  const pulls: string[] = [];
  return {
    source: 'zd',
    label: 'Zendesk',
    resources: ['tickets', 'events'],
    pulls,
    async pull(resource: string, cursor: string | null, _options: CallOptions): Promise<PullPage> {
      pulls.push(`${resource} ${cursor}`);
      const served = cursor === null ? 0 : Number(cursor);
      const batches = resource === 'tickets' ? feed.tickets : feed.events;
      const batch = batches[served];
      if (!batch) return { customers: [], tickets: [], cursor: String(served), hasMore: false };
      const more = served + 1 < batches.length;
      const next = String(served + 1);
      return resource === 'tickets'
        ? { customers: [], tickets: batch as PulledTicket[], cursor: next, hasMore: more }
        : { customers: [], tickets: [], ...(batch as Feed['events'][number]), cursor: next, hasMore: more };
    },
    async whoAmI() {
      return { userId: '1', name: 'Ann', email: 'ann@example.com', role: 'admin', canExport: true };
    },
    ...PULL_ONLY,
  };
}

interface Piket {
  db: Database.Database;
  tickets: TicketStore;
  sync: PullSync;
}

function openPiket(
  file: string,
  connector: Connector,
  version: string,
  clock: Clock = createFakeClock(NOW),
): Piket {
  const { db } = openDatabase(file);
  const sync = new PullSync({
    store: new PullStore(db, clock),
    outbox: new OutboxStore(db, clock),
    clock,
    connectors: () => [connector],
    intervalMs: () => 30_000,
    appVersion: version,
    onChanged: () => undefined,
    onStatus: () => undefined,
  });
  closers.push(() => {
    sync.close();
    closeDatabase(db);
  });
  return { db, tickets: new TicketStore(db, clock), sync };
}

function detailOf({ db, tickets }: Piket, externalId: string) {
  const id = db
    .prepare<[string], number>('SELECT id FROM ticket_effective WHERE external_id = ?')
    .pluck()
    .get(externalId);
  return id === undefined ? null : tickets.getTicket(id);
}

describe('a connection with a tickets export and an events stream', () => {
  it('lands comments and changes on their tickets, also those that came a round before their ticket', async () => {
    const feed: Feed = {
      tickets: [[bare('1')]],
      events: [
        {
          additions: [
            {
              externalId: '1',
              notes: [
                { externalId: 'c1', author: 'Ann', body: 'On it', public: true, createdAt: NOW - 9 * MINUTE },
              ],
              history: [{ at: NOW - 9 * MINUTE, status: 'acknowledged' }],
              firstResponseAt: NOW - 9 * MINUTE,
            },
            {
              externalId: '2',
              notes: [
                {
                  externalId: 'c2',
                  author: 'Bob',
                  body: 'Early',
                  public: false,
                  createdAt: NOW - 2 * MINUTE,
                },
              ],
            },
          ],
        },
      ],
    };
    const zd = zendeskShaped(feed);
    const piket = openPiket(join(tempDir(), 'piket.db'), zd, '1.0.0');
    const first = await piket.sync.syncNow();
    expect(first).toMatchObject({ state: 'idle', connections: [{ state: 'idle', rejected: 0 }] });
    expect(zd.pulls).toEqual(['tickets null', 'events null']);
    expect(detailOf(piket, '1')).toMatchObject({
      firstResponseAt: NOW - 9 * MINUTE,
      notes: [{ body: 'On it', public: true }],
    });
    expect(detailOf(piket, '2')).toBeNull();

    feed.tickets.push([bare('2', NOW - MINUTE)]);
    feed.events.push({ tombstones: [{ externalId: '1', reason: 'deleted', at: NOW }] });
    await piket.sync.syncNow();
    expect(zd.pulls.slice(2)).toEqual(['tickets 1', 'events 1']);
    expect(detailOf(piket, '2')!.notes).toMatchObject([{ body: 'Early', public: false }]);
    expect(detailOf(piket, '1')).toBeNull();
    expect(piket.tickets.countTickets('zd')).toBe(1);
  });
});

describe('records refused by validation', () => {
  it('are shown at every round and after a restart, and a newer Piket fetches them again and stores them', async () => {
    const file = join(tempDir(), 'piket.db');
    // Version 1.0.0 of the connector maps Zendesk's "urgent" to nothing Piket knows.
    const oldFeed: Feed = {
      tickets: [[bare('1'), bare('2', NOW - 5 * MINUTE, { priority: 'urgent' as never })], [bare('3')]],
      events: [],
    };
    const before = openPiket(file, zendeskShaped(oldFeed), '1.0.0');
    const status = await before.sync.syncNow();
    expect(status.connections[0]).toMatchObject({ state: 'idle', rejected: 1 });
    expect(status.message).toMatch(
      /^Zendesk: 1 record refused and kept aside \(ticket 2: priority: Invalid option/,
    );
    expect(await before.sync.syncNow()).toMatchObject({ state: 'error', connections: [{ rejected: 1 }] });
    closers.splice(0).forEach((close) => close());

    const restarted = openPiket(file, zendeskShaped(oldFeed), '1.0.0');
    const afterRestart = await restarted.sync.syncNow();
    expect(afterRestart).toMatchObject({ state: 'error', connections: [{ rejected: 1 }] });
    expect(detailOf(restarted, '2')).toBeNull();
    closers.splice(0).forEach((close) => close());

    // Version 1.1.0 maps "urgent" to P1: it starts the tickets export again and stores ticket 2.
    const fixedFeed: Feed = {
      tickets: [[bare('1'), bare('2', NOW - 5 * MINUTE, { priority: 'P1' })], [bare('3')]],
      events: [],
    };
    const zd = zendeskShaped(fixedFeed);
    const upgraded = openPiket(file, zd, '1.1.0');
    const fixed = await upgraded.sync.syncNow();
    expect(zd.pulls).toEqual(['tickets null', 'tickets 1', 'events 0']);
    expect(fixed).toMatchObject({ state: 'idle', message: null, connections: [{ rejected: 0 }] });
    expect(detailOf(upgraded, '2')).toMatchObject({ priority: 'P1' });
    expect(upgraded.tickets.countTickets('zd')).toBe(3);
  });
});

describe('invariant 4: only server cursors and server timestamps order server data', () => {
  it('a laptop clock set a day wrong either way changes neither which version wins nor the cursor handed back', async () => {
    const clock = createFakeClock(NOW);
    const feed: Feed = { tickets: [[bare('1', NOW - 5 * MINUTE, { subject: 'newer' })]], events: [] };
    const zd = zendeskShaped(feed);
    const piket = openPiket(join(tempDir(), 'piket.db'), zd, '1.0.0', clock);
    await piket.sync.syncNow();
    clock.jumpTo(NOW - DAY);
    feed.tickets.push([bare('1', NOW - 9 * MINUTE, { subject: 'older, re-delivered' })]);
    await piket.sync.syncNow();
    expect(detailOf(piket, '1')).toMatchObject({ subject: 'newer', updatedAt: NOW - 5 * MINUTE });
    clock.jumpTo(NOW + DAY);
    feed.tickets.push([bare('1', NOW - 4 * MINUTE, { subject: 'newest' })]);
    await piket.sync.syncNow();
    expect(detailOf(piket, '1')).toMatchObject({ subject: 'newest', updatedAt: NOW - 4 * MINUTE });
    expect(zd.pulls.filter((pull) => pull.startsWith('tickets'))).toEqual([
      'tickets null',
      'tickets 1',
      'tickets 2',
    ]);
  });
});

describe('the demo desk through interface v2', () => {
  it('stores every ticket of its first pull with notes and history, and its status names the connection', async () => {
    const clock = createFakeClock(NOW);
    const desk = createDemoDesk({ seed: 7, clock });
    const piket = openPiket(join(tempDir(), 'piket.db'), desk, '1.0.0', clock);
    const status = await piket.sync.syncNow();
    expect(status).toMatchObject({
      state: 'idle',
      lastSyncAt: NOW,
      connections: [{ source: 'demo', label: 'Demo desk', state: 'idle', rejected: 0 }],
    });

    const served: TicketRecord[] = [];
    const signal = new AbortController().signal;
    for (let cursor: string | null = null; ;) {
      const page = await desk.pull(DEMO_RESOURCE, cursor, { signal });
      served.push(...page.tickets);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(piket.tickets.countTickets('demo')).toBe(served.length);
    const withNotes = served.find((ticket) => ticket.notes.length > 1)!;
    const stored = detailOf(piket, withNotes.externalId)!;
    expect(stored.notes.map((n) => n.body)).toEqual(
      [...withNotes.notes].sort((a, b) => a.createdAt - b.createdAt).map((n) => n.body),
    );
    expect(stored.firstResponseAt).toBe(withNotes.firstResponseAt);
  });
});
