// PullSync against a real store: pages drain in order, a failure is reported and never loses committed pages.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/api';
import type { Connector, PullPage } from '../../../src/connectors/connector';
import { EARLIEST_INSTANT, LATEST_INSTANT } from '../../../src/connectors/record-schemas';
import type { TicketRecord } from '../../../src/domain/ticket';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { migrate } from '../../../src/store/migrations';
import { TicketStore } from '../../../src/store/ticket-store';
import { PullSync, TICKETS_RESOURCE } from '../../../src/sync/pull-sync';
import { createFakeClock } from '../../support/fake-clock';
import { customerRecord, ticketRecord } from '../../support/records';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function ticket(n: number): TicketRecord {
  return ticketRecord({
    source: 'scripted',
    externalId: `T-${n}`,
    customerExternalId: 'acme',
    subject: `Ticket ${n}`,
    description: 'Something broke.',
    createdAt: NOW - 1000 * n,
    updatedAt: NOW - 1000 * n,
  });
}

/** A ticket system that serves numbered pages and can be told to fail at one of them. */
function scriptedConnector(
  pages: number,
  failAt: number | null,
): Connector & { cursorsSeen: (string | null)[] } {
  const cursorsSeen: (string | null)[] = [];
  return {
    source: 'scripted',
    label: 'Scripted desk',
    cursorsSeen,
    async pull(cursor): Promise<PullPage> {
      cursorsSeen.push(cursor);
      const index = cursor === null ? 0 : Number(cursor);
      if (index === failAt) throw new Error('HTTP 503 Service Unavailable');
      return {
        customers:
          index === 0
            ? [customerRecord({ source: 'scripted', externalId: 'acme', name: 'Acme', updatedAt: NOW })]
            : [],
        tickets: [ticket(index * 2 + 1), ticket(index * 2 + 2)],
        cursor: String(index + 1),
        hasMore: index + 1 < pages,
      };
    },
  };
}

function setup(connector: Connector) {
  const { db } = openDatabase(join(tempDir(), 'piket.db'));
  migrate(db);
  closers.push(() => closeDatabase(db));
  const store = new TicketStore(db);
  const statuses: SyncStatus[] = [];
  const changed: number[] = [];
  const sync = new PullSync({
    store,
    clock: createFakeClock(NOW),
    connectors: () => [connector],
    intervalMs: 30_000,
    onChanged: (ids) => changed.push(...ids),
    onStatus: (status) => statuses.push(status),
  });
  return { store, sync, statuses, changed };
}

describe('PullSync', () => {
  it('drains every page in one round, passing each stored cursor back', async () => {
    const connector = scriptedConnector(3, null);
    const { store, sync, changed } = setup(connector);
    const status = await sync.syncNow();
    expect(status).toEqual({ state: 'idle', lastSyncAt: NOW, message: null });
    expect(connector.cursorsSeen).toEqual([null, '1', '2']);
    expect(changed).toHaveLength(6);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('3');
  });

  it('reports a failing connector by name and keeps the pages committed before it', async () => {
    const failing = scriptedConnector(3, 1);
    const { store, sync, statuses } = setup(failing);
    const status = await sync.syncNow();
    expect(status.state).toBe('error');
    expect(status.message).toBe('Scripted desk: HTTP 503 Service Unavailable');
    expect(statuses.map((s) => s.state)).toEqual(['syncing', 'error']);
    expect(store.countTickets('scripted')).toBe(2);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('1');
  });

  it('skips an invalid record with a message naming it, and stores the rest with the cursor', async () => {
    const connector: Connector = {
      source: 'scripted',
      label: 'Scripted desk',
      async pull(): Promise<PullPage> {
        const bad = { ...ticket(2), priority: 'P9' };
        const foreign = { ...ticket(3), source: 'elsewhere' };
        return {
          customers: [],
          tickets: [ticket(1), bad as unknown as TicketRecord, foreign, ticket(4)],
          cursor: 'after-page',
          hasMore: false,
        };
      },
    };
    const { store, sync } = setup(connector);
    const status = await sync.syncNow();
    expect(status.state).toBe('error');
    expect(status.message).toContain('Scripted desk: skipped 2 invalid records');
    expect(status.message).toContain('ticket T-2: priority:');
    expect(status.message).toContain('ticket T-3: comes from another source');
    expect(store.countTickets('scripted')).toBe(2);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('after-page');
  });

  it('refuses records with instants outside 2000–2100 like any invalid record, and stores the rest', async () => {
    const connector: Connector = {
      source: 'scripted',
      label: 'Scripted desk',
      async pull(): Promise<PullPage> {
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
      },
    };
    const { store, sync, changed } = setup(connector);
    const status = await sync.syncNow();
    expect(status.state).toBe('error');
    expect(status.message).toContain('Scripted desk: skipped 3 invalid records');
    expect(status.message).toContain('ticket T-2: createdAt: must be an instant in ms before 2100-01-01 UTC');
    expect(status.message).toContain(
      'ticket T-3: updatedAt: must be an instant in ms from 2000-01-01 UTC on',
    );
    expect(status.message).toContain('ticket T-4: notes.0.createdAt: must be an instant in ms before 2100');
    expect(changed).toHaveLength(2);
    expect(store.countTickets('scripted')).toBe(2);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBe('after-page');
  });

  it('stores nothing more once closed, even from a pull that was under way', async () => {
    let release: (page: PullPage) => void = () => undefined;
    const connector: Connector = {
      source: 'scripted',
      label: 'Scripted desk',
      pull: () => new Promise<PullPage>((resolve) => (release = resolve)),
    };
    const { store, sync } = setup(connector);
    const round = sync.syncNow();
    sync.close();
    release({ customers: [], tickets: [ticket(1)], cursor: '1', hasMore: false });
    await round;
    expect(store.countTickets()).toBe(0);
    expect(store.getCursor('scripted', TICKETS_RESOURCE)).toBeNull();
    const after = await sync.syncNow();
    expect(after).toBe(sync.getStatus());
  });

  it('joins the round under way instead of starting a second one', async () => {
    const connector = scriptedConnector(1, null);
    const { sync } = setup(connector);
    const [first, second] = [sync.syncNow(), sync.syncNow()];
    expect(first).toBe(second);
    await first;
    expect(connector.cursorsSeen).toEqual([null]);
  });
});
