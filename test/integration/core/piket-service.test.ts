// PiketService on a real data folder: demo sync into the queue, demo removal, settings, and refused databases.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { QueuePage, TicketSummary } from '../../../src/api/contract';
import { dispatch } from '../../../src/api/dispatch';
import type { ArgsIn } from '../../../src/api/schemas';
import { openPiketService, StartupError, type PiketService } from '../../../src/core/piket-service';
import { DATABASE_FILE } from '../../../src/platform/paths';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);
const HOUR = 3_600_000;

function open(dataDir: string, clock = createFakeClock(NOW)) {
  return openPiketService({ dataDir, version: 'test', role: 'app', clock, syncIntervalMs: 60_000 });
}

/** Up to 1,000 tickets of a queue query, validated as the UI's calls are. */
async function listTickets(service: PiketService, args: ArgsIn<'listQueue'>): Promise<TicketSummary[]> {
  const result = await dispatch(service.handlers, 'listQueue', { limit: 1000, ...args });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as QueuePage).tickets;
}

describe('PiketService', () => {
  it('syncs the demo desk into the queue and emits queue changes', async () => {
    const service = open(tempDir());
    const changed: number[][] = [];
    service.on('queueChanged', ({ ticketIds }) => changed.push(ticketIds));
    try {
      const status = await service.handlers.syncNow({});
      expect(status.state).toBe('idle');
      expect(changed.flat().length).toBeGreaterThan(100);
      const page = await service.handlers.listQueue({ scope: 'open', sort: 'urgency', limit: 50 });
      expect(page.tickets.length).toBe(50);
      expect(page.tickets[0]?.source).toBe('demo');
      const detail = await service.handlers.getTicket({ id: page.tickets[0]!.id });
      expect(detail.customer.name).toBe(page.tickets[0]!.customerName);
      expect((await service.handlers.getInfo({})).demoEnabled).toBe(true);
    } finally {
      service.close();
    }
  });

  it('keeps syncing on its timer: new demo tickets arrive as time passes', async () => {
    const clock = createFakeClock(NOW);
    const service = open(tempDir(), clock);
    try {
      service.start();
      await service.handlers.syncNow({});
      const before = (await service.handlers.getQueueStats({})).open;
      const arrivals: number[] = [];
      service.on('queueChanged', ({ ticketIds }) => arrivals.push(...ticketIds));
      const roundDone = new Promise<void>((resolve) =>
        service.on('syncStatus', (status) => status.state === 'idle' && resolve()),
      );
      clock.jumpTo(NOW + 6 * 60 * 60 * 1000);
      await roundDone;
      expect(arrivals.length).toBeGreaterThan(0);
      expect((await service.handlers.getQueueStats({})).open).not.toBe(before);
    } finally {
      service.close();
    }
  });

  it('removes the demo desk and its data, and brings it back on request', async () => {
    const dataDir = tempDir();
    const service = open(dataDir);
    try {
      await service.handlers.syncNow({});
      const off = await service.handlers.setDemoEnabled({ enabled: false });
      expect(off.demoEnabled).toBe(false);
      const all = { scope: 'all', sort: 'urgency', limit: 10 } as const;
      expect((await service.handlers.listQueue(all)).tickets).toEqual([]);
      await service.handlers.syncNow({});
      expect((await service.handlers.listQueue(all)).tickets).toEqual([]);
      await service.handlers.setDemoEnabled({ enabled: true });
      expect((await service.handlers.listQueue(all)).tickets.length).toBe(10);
    } finally {
      service.close();
    }
  });

  it('lists the open P1s first on the demo desk, in urgency order, and what needs me now', async () => {
    // The desk as issue 12 found it: by deadline a P3 breached four days ago comes first and the two open P1s
    // (one breached 2½ hours ago, one due in three hours) sit below it.
    const now = Date.UTC(2026, 10, 29, 15);
    const service = open(tempDir(), createFakeClock(now));
    try {
      await service.handlers.syncNow({});
      const list = (args: ArgsIn<'listQueue'>) => listTickets(service, args);
      const byDeadline = await list({ sort: 'deadline' });
      expect(byDeadline[0]).toMatchObject({ priority: 'P3' });
      expect(byDeadline[0]!.sla!.nextDueAt! - now).toBeLessThan(-4 * 24 * HOUR);

      const queue = await list({});
      const p1s = queue.filter((ticket) => ticket.priority === 'P1');
      expect(p1s).toHaveLength(2);
      expect(queue.slice(0, 2)).toEqual(p1s);
      expect(p1s.map((ticket) => Math.round((ticket.sla!.nextDueAt! - now) / (HOUR / 2)) / 2)).toEqual([
        -3, 3,
      ]);
      const priorities = queue.map((ticket) => ticket.priority);
      expect(priorities).toEqual([...priorities].sort());
      const needsMe = await list({ scope: 'needsMe' });
      expect(needsMe.slice(0, 2).map((ticket) => ticket.priority)).toEqual(['P1', 'P1']);
    } finally {
      service.close();
    }
  });

  it('lists what needs me now by the service clock: open P1s and P2s, whatever falls due in 12 hours', async () => {
    // Days before the time this test runs: a horizon taken from any clock but the service's own shows.
    const now = Date.UTC(2026, 10, 26, 3);
    const service = open(tempDir(), createFakeClock(now));
    try {
      await service.handlers.syncNow({});
      const list = (args: ArgsIn<'listQueue'>) => listTickets(service, args);
      const queue = await list({});
      const p1s = queue.filter((ticket) => ticket.priority === 'P1');
      const { me } = await service.handlers.getSettings({});
      const needsMe = await list({ scope: 'needsMe' });
      const needed = (ticket: TicketSummary): boolean =>
        ticket.priority === 'P1' ||
        ticket.priority === 'P2' ||
        (ticket.sla?.nextDueAt ?? Infinity) < now + 12 * HOUR;
      expect(new Set(needsMe.map((ticket) => ticket.id))).toEqual(
        new Set(queue.filter(needed).map((ticket) => ticket.id)),
      );
      // Urgency: priority first (no lower priority above an open P1), mine or nobody's first within a priority.
      const priorities = needsMe.map((ticket) => ticket.priority);
      expect(priorities).toEqual([...priorities].sort());
      for (const priority of ['P1', 'P2', 'P3', 'P4'] as const) {
        const mineFirst = needsMe
          .filter((ticket) => ticket.priority === priority)
          .map((ticket) => ticket.assignee === null || ticket.assignee === me);
        expect(mineFirst).toEqual([...mineFirst].sort().reverse());
      }
      expect(needsMe.slice(0, p1s.length).map((ticket) => ticket.id)).toEqual(
        [...p1s]
          .sort(
            (a, b) =>
              Number(b.assignee === null || b.assignee === me) -
              Number(a.assignee === null || a.assignee === me),
          )
          .map((ticket) => ticket.id),
      );
      expect((await service.handlers.getQueueStats({})).needsMe).toBe(needsMe.length);
    } finally {
      service.close();
    }
  });

  it('keeps settings across restarts', async () => {
    const dataDir = tempDir();
    const first = open(dataDir);
    // The first start opens "Needs me now", both views in urgency order.
    expect(await first.handlers.getSettings({})).toMatchObject({
      queueView: 'needsMe',
      queueSorts: { needsMe: 'urgency', queue: 'urgency' },
    });
    await first.handlers.updateSettings({ language: 'nl', me: 'Joost Bakker' });
    await first.handlers.updateSettings({ queueView: 'queue', queueSorts: { queue: 'deadline' } });
    await first.handlers.updateSettings({ syncIntervalSeconds: 300 });
    first.close();
    const second = open(dataDir);
    try {
      expect(await second.handlers.getSettings({})).toEqual({
        language: 'nl',
        me: 'Joost Bakker',
        queueView: 'queue',
        queueSorts: { needsMe: 'urgency', queue: 'deadline' },
        syncIntervalSeconds: 300,
        alertsPausedUntil: null,
        alertWhen: 'always',
        quietHours: null,
      });
    } finally {
      second.close();
    }
  });

  it('refuses to start on a data folder another running Piket owns, and says which', () => {
    const dataDir = tempDir();
    const owner = open(dataDir);
    try {
      expect(() => open(dataDir)).toThrow(StartupError);
      expect(() => open(dataDir)).toThrow(
        `Piket is already running with the data folder ${dataDir} (app, process ${process.pid})`,
      );
    } finally {
      owner.close();
    }
    open(dataDir).close();
  });

  it('refuses a database from a newer Piket with a clear message and leaves it untouched', () => {
    const dataDir = tempDir();
    const file = join(dataDir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    const before = readFileSync(file);
    expect(() => open(dataDir)).toThrow(StartupError);
    expect(() => open(dataDir)).toThrow(/newer version of Piket/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('moves a damaged database aside, starts fresh and says so', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, DATABASE_FILE);
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(file, garbage);
    const service = open(dataDir);
    try {
      const info = await service.handlers.getInfo({});
      expect(info.notices).toHaveLength(1);
      const movedTo = /moved aside to (\S+) /.exec(info.notices[0]!)?.[1];
      expect(movedTo).toBeDefined();
      expect(readFileSync(movedTo!).equals(garbage)).toBe(true);
      await service.handlers.syncNow({});
      expect((await service.handlers.getQueueStats({})).open).toBeGreaterThan(0);
    } finally {
      service.close();
    }
  });
});
