// PiketService on a real data folder: demo sync into the queue, demo removal, settings, and refused databases.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openPiketService, StartupError } from '../../../src/core/piket-service';
import { DATABASE_FILE } from '../../../src/platform/paths';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);

function open(dataDir: string, clock = createFakeClock(NOW)) {
  return openPiketService({ dataDir, version: 'test', role: 'app', clock, syncIntervalMs: 60_000 });
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
      const page = await service.handlers.listQueue({ scope: 'open', limit: 50 });
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
      expect((await service.handlers.listQueue({ scope: 'all', limit: 10 })).tickets).toEqual([]);
      await service.handlers.syncNow({});
      expect((await service.handlers.listQueue({ scope: 'all', limit: 10 })).tickets).toEqual([]);
      await service.handlers.setDemoEnabled({ enabled: true });
      expect((await service.handlers.listQueue({ scope: 'all', limit: 10 })).tickets.length).toBe(10);
    } finally {
      service.close();
    }
  });

  it('keeps settings across restarts', async () => {
    const dataDir = tempDir();
    const first = open(dataDir);
    await first.handlers.updateSettings({ language: 'nl', me: 'Joost Bakker' });
    first.close();
    const second = open(dataDir);
    try {
      expect(await second.handlers.getSettings({})).toEqual({ language: 'nl', me: 'Joost Bakker' });
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
