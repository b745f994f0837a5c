// The overview and the alert controls through the whole service on a real data folder, against the demo desk,
// with a recording Notifier: the tray's summary agrees with the queue, follows acknowledgements, snoozes keep a
// P1's reminders quiet for a while, a wake from sleep sums up what passed meanwhile, quiet hours let only P1s
// through, and the health panel reports what became of the last notice.
import { describe, expect, it } from 'vitest';
import { P1_REPEAT_MS } from '../../../src/alerts/policy';
import type { Overview } from '../../../src/api/contract';
import { DUE_SOON_MS } from '../../../src/core/overview';
import { openPiketService, type PiketService } from '../../../src/core/piket-service';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { RecordingNotifier } from '../../support/recording-notifier';
import { SUPPORT_NL } from '../../support/rotation';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
/** A minute after the demo desk's DEMO-152217 arrived as a P1 (see alerts.test.ts). */
const NOW = Date.UTC(2026, 10, 23, 1, 40);
const HOUR = 3_600_000;

async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface Running {
  service: PiketService;
  clock: FakeClock;
  notifier: RecordingNotifier;
  overviews: Overview[];
  opened: Array<number | null>;
}

async function run(
  test: (running: Running) => Promise<void>,
  prepare?: (service: PiketService, notifier: RecordingNotifier) => Promise<void>,
): Promise<void> {
  const clock = createFakeClock(NOW);
  const notifier = new RecordingNotifier();
  const service = openPiketService({
    dataDir: tempDir(),
    version: 'test',
    role: 'app',
    clock,
    notifier,
    syncIntervalMs: 10 * HOUR,
  });
  const overviews: Overview[] = [];
  const opened: Array<number | null> = [];
  service.on('overviewChanged', (overview) => overviews.push(overview));
  service.on('openTicket', ({ ticketId }) => opened.push(ticketId));
  try {
    await prepare?.(service, notifier);
    await service.start();
    await service.handlers.syncNow({});
    await settle();
    clock.advance(1);
    await settle();
    await test({ service, clock, notifier, overviews, opened });
  } finally {
    service.close();
  }
}

async function openTickets(service: PiketService) {
  const page = await service.handlers.listQueue({ scope: 'open', sort: 'urgency', limit: 1000 });
  return page.tickets;
}

describe('the overview', () => {
  it('agrees with the queue: waiting P1s oldest first, deadlines passed and within the hour', async () => {
    await run(async ({ service, clock }) => {
      const overview = service.handlers.getOverview({}) as Overview;
      const open = await openTickets(service);
      const now = clock.now();
      const waiting = open
        .filter((ticket) => ticket.priority === 'P1' && ticket.status === 'new')
        .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
      expect(waiting.length).toBeGreaterThan(0);
      expect(overview.state).toBe('p1');
      expect(overview.open).toBe(open.length);
      expect(overview.p1Waiting.map((p1) => p1.id)).toEqual(waiting.map((ticket) => ticket.id));
      expect(overview.p1Waiting[0]).toMatchObject({
        subject: waiting[0]!.subject,
        customerName: waiting[0]!.customerName,
        snoozedUntil: null,
      });
      const due = open.map((ticket) => ticket.sla?.nextDueAt ?? null).filter((at) => at !== null);
      expect(overview.breached).toBe(due.filter((at) => at <= now).length);
      expect(overview.dueSoon).toBe(due.filter((at) => at > now && at <= now + DUE_SOON_MS).length);
    });
  });

  it('is pushed again when a P1 is acknowledged, without it', async () => {
    await run(async ({ service, overviews }) => {
      const [first] = (service.handlers.getOverview({}) as Overview).p1Waiting;
      await service.handlers.actOnTicket({ id: first!.id, action: { kind: 'ack' } });
      await settle();
      const last = overviews.at(-1)!;
      expect(last.p1Waiting.map((p1) => p1.id)).not.toContain(first!.id);
      expect(last.state).toBe(last.p1Waiting.length > 0 ? 'p1' : last.state);
    });
  });
});

describe('who is on call, in the overview', () => {
  it('is empty without schedules, then names the holder per schedule and follows a schedule change', async () => {
    await run(async ({ service, overviews }) => {
      expect((service.handlers.getOverview({}) as Overview).onCall).toEqual([]);
      await service.handlers.saveSchedule({ schedule: SUPPORT_NL });
      await settle();
      const onCall = (await service.handlers.getOnCall({})).schedules[0]!;
      const holder = onCall.kind === 'local' ? onCall.final?.member?.name : undefined;
      expect(holder).toBeTruthy();
      expect(overviews.at(-1)!.onCall).toEqual([{ schedule: 'Support NL', names: [holder] }]);
    });
  });
});

describe('snoozing a P1', () => {
  it('marks it snoozed, keeps its reminders quiet until the snooze ends, then lifts the snooze', async () => {
    await run(async ({ service, clock, notifier, overviews }) => {
      const [p1] = (service.handlers.getOverview({}) as Overview).p1Waiting;
      const reminders = () =>
        notifier.notices.filter(
          (notice) => notice.ticketId === p1!.id && notice.title.startsWith('P1 still not acknowledged'),
        ).length;
      const snoozed = (await service.handlers.snoozeP1({ id: p1!.id, minutes: 7 })) as Overview;
      expect(snoozed.p1Waiting.find((one) => one.id === p1!.id)?.snoozedUntil).toBe(clock.now() + 7 * 60_000);
      clock.advance(P1_REPEAT_MS);
      await settle();
      expect(reminders()).toBe(0);
      clock.advance(2 * 60_000 + 1);
      await settle();
      expect(overviews.at(-1)!.p1Waiting.find((one) => one.id === p1!.id)?.snoozedUntil).toBeNull();
      clock.advance(P1_REPEAT_MS);
      await settle();
      expect(reminders()).toBe(1);
    });
  });

  it('refuses a ticket that is not a P1 waiting for acknowledgement', async () => {
    await run(async ({ service }) => {
      const calm = (await openTickets(service)).find((ticket) => ticket.priority !== 'P1')!;
      expect(() => service.handlers.snoozeP1({ id: calm.id, minutes: 5 })).toThrow(
        /is not a P1 waiting for acknowledgement/,
      );
    });
  });
});

describe('a wake from sleep', () => {
  it('syncs, then sums up the deadlines that passed while asleep in one late notice', async () => {
    await run(async ({ service, clock, notifier }) => {
      const before = notifier.notices.length;
      clock.sleepTo(clock.now() + 9 * HOUR);
      await service.wake();
      await settle();
      const raised = notifier.notices.slice(before);
      const summaries = raised.filter((notice) => / deadlines passed while asleep$/.test(notice.title));
      expect(summaries).toHaveLength(1);
      expect(summaries[0]).toMatchObject({ late: true, ticketId: null });
      expect(Number(summaries[0]!.title.split(' ')[0])).toBeGreaterThan(1);
      expect(raised.filter((notice) => /deadline (at|breached)/.test(notice.title))).toEqual([]);
    });
  });
});

describe('quiet hours', () => {
  it('let only P1 notices through', async () => {
    await run(
      async ({ notifier, clock }) => {
        clock.advance(10_000);
        await settle();
        expect(notifier.notices.length).toBeGreaterThan(0);
        expect(notifier.notices.every((notice) => notice.urgency === 'critical')).toBe(true);
      },
      async (service) => {
        // 02:40 in Amsterdam.
        await service.handlers.updateSettings({
          quietHours: { from: '00:00', to: '06:00', timeZone: 'Europe/Amsterdam' },
        });
      },
    );
  });
});

describe('notification health', () => {
  it('sends a test notice whatever pause says, and reports it with its outcome', async () => {
    await run(async ({ service, notifier }) => {
      await service.handlers.pauseAlerts({ minutes: 60 });
      const health = await service.handlers.sendTestNotification({});
      expect(notifier.notices.at(-1)!.title).toBe('Piket test notification');
      expect(health).toMatchObject({
        channel: 'desktop',
        problem: null,
        failedRecently: 0,
        lastNotice: { title: 'Piket test notification', outcome: 'shown', attempts: 1 },
      });
      expect(health.advice.length).toBeGreaterThan(40);
    });
  });

  it('warns in words when notices fail or the notifier reports a problem', async () => {
    await run(async ({ service, notifier }) => {
      notifier.script.push('failed');
      const failed = await service.handlers.sendTestNotification({});
      expect(failed).toMatchObject({
        failedRecently: 1,
        lastNotice: { outcome: 'failed' },
        problem: '1 notification could not be shown in the last 24 hours.',
      });
      notifier.trouble = 'notify-send is not installed';
      expect(service.handlers.getNotificationHealth({})).toMatchObject({
        problem: 'notify-send is not installed',
      });
    });
  });

  it('says so when this Piket has no way to notify', async () => {
    const service = openPiketService({ dataDir: tempDir(), version: 'test', role: 'app' });
    try {
      expect(service.handlers.getNotificationHealth({})).toMatchObject({ channel: 'none', lastNotice: null });
      await expect(service.handlers.sendTestNotification({})).rejects.toMatchObject({ code: 'unavailable' });
    } finally {
      service.close();
    }
  });
});

describe('a clicked notice', () => {
  it('asks the UIs to open its ticket', async () => {
    await run(
      async ({ notifier, opened }) => {
        const clicked = notifier.notices[0]!;
        expect(clicked.ticketId).not.toBeNull();
        expect(opened).toEqual([clicked.ticketId]);
      },
      async (_service, notifier) => {
        notifier.script.push('clicked');
      },
    );
  });
});
