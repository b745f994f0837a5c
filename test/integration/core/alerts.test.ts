// Alerts through the whole service on a real data folder, against the demo desk, with a recording Notifier (the
// host's edge): a first start sums up what had already passed in one notice instead of a storm, a new P1 is a
// critical notice of its own and is repeated until acknowledged, nothing is notified twice across a restart, and a
// failed notice is tried again.
import { describe, expect, it } from 'vitest';
import type { Notifier } from '../../../src/alerts/notifier';
import { P1_REPEAT_MS } from '../../../src/alerts/policy';
import type { SlaAlert } from '../../../src/api/contract';
import { Alerts } from '../../../src/core/alerts';
import { openPiketService, type PiketService } from '../../../src/core/piket-service';
import { settingsHandlers } from '../../../src/core/settings';
import { EventHub } from '../../../src/core/event-hub';
import { AlertDeliveries } from '../../../src/store/alert-deliveries';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { SettingsStore } from '../../../src/store/settings-store';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { RecordingNotifier } from '../../support/recording-notifier';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
/** A minute after the demo desk's DEMO-152217 arrived as a P1 (its team acknowledges it 27 minutes later). */
const NOW = Date.UTC(2026, 10, 23, 1, 40);
const SECOND = 1000;

/** Lets the promises the fake clock's timers started run (no wall-clock waiting). */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

async function open(dataDir: string, clock: FakeClock, notifier: Notifier): Promise<PiketService> {
  const service = openPiketService({
    dataDir,
    version: 'test',
    role: 'app',
    clock,
    notifier,
    syncIntervalMs: 3_600_000,
  });
  await service.start();
  await service.handlers.syncNow({});
  await settle();
  // The scheduler fires what is overdue on its next (immediate) wake.
  clock.advance(1);
  await settle();
  return service;
}

async function unacknowledgedP1s(service: PiketService): Promise<number[]> {
  const page = await service.handlers.listQueue({
    scope: 'open',
    sort: 'urgency',
    priorities: ['P1'],
    limit: 1000,
  });
  return page.tickets.filter((ticket) => ticket.status === 'new').map((ticket) => ticket.id);
}

describe('alerts', () => {
  it('on a first start: one summary for what had passed, a critical notice per new P1, and no storm', async () => {
    const clock = createFakeClock(NOW);
    const notifier = new RecordingNotifier();
    const service = await open(tempDir(), clock, notifier);
    try {
      clock.advance(5 * SECOND);
      await settle();
      const p1s = await unacknowledgedP1s(service);
      expect(p1s.length).toBeGreaterThan(0);
      const arrivals = notifier.notices.filter((notice) => notice.title.startsWith('New P1'));
      expect(arrivals.map((notice) => notice.ticketId).sort()).toEqual([...p1s].sort());
      expect(arrivals.every((notice) => notice.urgency === 'critical')).toBe(true);
      const summaries = notifier.notices.filter((notice) => notice.ticketId === null);
      expect(summaries).toHaveLength(1);
      expect(summaries[0]!.title).toMatch(/^\d+ tickets were already past an SLA warning or deadline$/);
      expect(notifier.notices.filter((notice) => notice.title.includes('deadline'))).toEqual(summaries);
    } finally {
      service.close();
    }
  });

  it('repeats an unacknowledged P1 every 5 minutes until it is acknowledged, and never twice after a restart', async () => {
    const dataDir = tempDir();
    const clock = createFakeClock(NOW);
    const notifier = new RecordingNotifier();
    let service = await open(dataDir, clock, notifier);
    let p1: number;
    try {
      clock.advance(5 * SECOND);
      await settle();
      p1 = (await unacknowledgedP1s(service))[0]!;
      const about = () =>
        notifier.notices
          .filter((notice) => notice.ticketId === p1 && notice.key.includes(':p1:'))
          .map((notice) => notice.title);
      expect(about()).toHaveLength(1);
      clock.advance(P1_REPEAT_MS);
      await settle();
      expect(about()).toHaveLength(2);
      expect(about()[1]).toMatch(/^P1 still not acknowledged: /);

      await service.handlers.actOnTicket({ id: p1, action: { kind: 'ack' } });
      await settle();
      clock.advance(3 * P1_REPEAT_MS);
      await settle();
      expect(about()).toHaveLength(2);
    } finally {
      service.close();
    }
    const before = notifier.notices.length;
    service = await open(dataDir, clock, notifier);
    try {
      clock.advance(5 * SECOND);
      await settle();
      // Only reminders that fell due since (each once); nothing already notified comes again.
      const again = notifier.notices.slice(before);
      expect(new Set(again.map((notice) => notice.key)).size).toBe(again.length);
      expect(
        again.every((notice) => !notifier.notices.slice(0, before).some((n) => n.key === notice.key)),
      ).toBe(true);
    } finally {
      service.close();
    }
  });

  it('tries a notice the OS did not show again, later, until it is shown', async () => {
    const clock = createFakeClock(NOW);
    const notifier = new RecordingNotifier();
    notifier.script.push('failed');
    const service = await open(tempDir(), clock, notifier);
    try {
      const first = notifier.notices[0]!;
      expect(notifier.notices.filter((notice) => notice.key === first.key)).toHaveLength(1);
      clock.advance(30 * SECOND);
      await settle();
      expect(notifier.notices.filter((notice) => notice.key === first.key)).toHaveLength(2);
      clock.advance(10 * 60 * SECOND);
      await settle();
      expect(notifier.notices.filter((notice) => notice.key === first.key)).toHaveLength(2);
    } finally {
      service.close();
    }
  });
});

describe('pausing alerts', () => {
  it('holds back everything but P1s while paused, and does not raise what it held back afterwards', async () => {
    const { db } = openDatabase(`${tempDir()}/piket.db`);
    const clock = createFakeClock(NOW);
    const notifier = new RecordingNotifier();
    const settings = new SettingsStore(db);
    // Piket has known the demo desk's tickets for a day: nothing here is summed up.
    settings.set('alertsFirstSeen', { demo: NOW - 24 * 3_600_000 });
    const alerts = new Alerts({
      deliveries: new AlertDeliveries(db),
      settings,
      notifier,
      clock,
      log: () => {},
    });
    const breach = (key: string, priority: SlaAlert['priority']): SlaAlert => ({
      key,
      source: 'demo',
      ticketId: 7,
      externalId: 'DEMO-7',
      subject: 'Printer on fire',
      priority,
      target: 'resolution',
      kind: 'breach',
      fraction: null,
      dueAt: clock.now(),
      at: clock.now(),
    });
    try {
      const handlers = settingsHandlers(settings, new EventHub(() => {}), clock);
      handlers.pauseAlerts({ minutes: 60 });
      alerts.onSla([breach('p3-during', 'P3'), breach('p1-during', 'P1')]);
      await settle();
      expect(notifier.notices.map((notice) => notice.key)).toEqual(['p1-during']);
      clock.advance(60 * 60_000);
      alerts.onSla([breach('p3-after', 'P3')]);
      await settle();
      expect(notifier.notices.map((notice) => notice.key)).toEqual(['p1-during', 'p3-after']);
    } finally {
      alerts.close();
      closeDatabase(db);
    }
  });
});
