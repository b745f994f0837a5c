// The app's Notifier over a fake Electron Notification: the options per urgency, each event's outcome, a click
// opening the ticket, the Acknowledge button, an OS without notifications, the deadline, and references kept until
// the OS is done with a notification.
import { EventEmitter } from 'node:events';
import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { AlertNotice, DeliveryOutcome } from '../../../src/alerts/notifier';
import {
  ACKNOWLEDGE_TEXT,
  createElectronNotifier,
  MAX_KEPT_NOTIFICATIONS,
  NOTICE_DEADLINE_MS,
  type ElectronNotifierOptions,
  type NotificationHandle,
} from '../../../main/notifier';
import { createFakeClock } from '../../support/fake-clock';

/** Stands in for Electron's Notification: records what it was given; the test emits the OS's events. */
class FakeNotification extends EventEmitter {
  static made: FakeNotification[] = [];
  /** An event to emit from within show(), as Linux does with 'show'. */
  static onShow: ((notification: FakeNotification) => void) | null = null;
  shown = 0;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
    FakeNotification.made.push(this);
  }
  show(): void {
    this.shown++;
    FakeNotification.onShow?.(this);
  }
}

function notice(overrides: Partial<AlertNotice> = {}): AlertNotice {
  return {
    key: 'demo:DEMO-1:response:P1:breach',
    title: 'P1 response deadline breached: Database down',
    body: 'Ticket DEMO-1',
    urgency: 'critical',
    ticketId: 7,
    late: false,
    ...overrides,
  };
}

function setup(overrides: Partial<ElectronNotifierOptions> = {}) {
  FakeNotification.made = [];
  FakeNotification.onShow = null;
  const clock = createFakeClock(Date.UTC(2026, 0, 5, 2, 40));
  const showTicket = vi.fn();
  const acknowledge = vi.fn();
  const log = vi.fn();
  const notifier = createElectronNotifier({
    Notification: FakeNotification as unknown as new (
      options: NotificationConstructorOptions,
    ) => NotificationHandle,
    isSupported: () => true,
    showTicket,
    acknowledge,
    iconPath: '/opt/Piket/assets/icon.png',
    platform: 'linux',
    clock,
    log,
    ...overrides,
  });
  const last = (): FakeNotification => FakeNotification.made.at(-1)!;
  return { notifier, clock, showTicket, acknowledge, log, last };
}

/** Whether a promise has settled yet, without waiting on the wall clock. */
async function state<T>(promise: Promise<T>): Promise<{ done: boolean; value?: T }> {
  const pending = Symbol('pending');
  const value = await Promise.race([
    promise,
    new Promise<symbol>((resolve) => setImmediate(resolve, pending)),
  ]);
  return value === pending ? { done: false } : { done: true, value: value as T };
}

describe('createElectronNotifier: what the OS is given', () => {
  it('shows a P1 as critical, never timing out, with sound, the icon and an Acknowledge button', async () => {
    const { notifier, last } = setup();
    const outcome = notifier.notify(notice());
    expect(last().shown).toBe(1);
    expect(last().options).toEqual({
      title: 'P1 response deadline breached: Database down',
      body: 'Ticket DEMO-1',
      urgency: 'critical',
      timeoutType: 'never',
      silent: false,
      icon: '/opt/Piket/assets/icon.png',
      actions: [{ type: 'button', text: ACKNOWLEDGE_TEXT }],
    });
    last().emit('show', {});
    expect(await outcome).toBe('shown');
  });

  it.each(['normal', 'low'] as const)(
    'shows a %s notice silently, with the default timeout and no button',
    async (urgency) => {
      const { notifier, last } = setup();
      void notifier.notify(notice({ urgency, title: 'P3 resolution deadline breached: Printer' }));
      expect(last().options).toEqual({
        title: 'P3 resolution deadline breached: Printer',
        body: 'Ticket DEMO-1',
        urgency,
        timeoutType: 'default',
        silent: true,
        icon: '/opt/Piket/assets/icon.png',
      });
    },
  );

  it('offers no Acknowledge button on a summary, which is about no single ticket', () => {
    const { notifier, last } = setup();
    void notifier.notify(notice({ ticketId: null, title: '26 tickets were already past an SLA warning' }));
    expect(last().options.actions).toBeUndefined();
  });

  it('keeps ticket text as text where the notification service reads markup (Linux), and only there', () => {
    const body = 'Ticket <b>DEMO-1</b> & more';
    const linux = setup({ platform: 'linux' });
    void linux.notifier.notify(notice({ body }));
    expect(linux.last().options.body).toBe('Ticket &lt;b&gt;DEMO-1&lt;/b&gt; &amp; more');
    const mac = setup({ platform: 'darwin' });
    void mac.notifier.notify(notice({ body }));
    expect(mac.last().options.body).toBe(body);
  });

  it('passes no icon when there is none', () => {
    const { notifier, last } = setup({ iconPath: null });
    void notifier.notify(notice());
    expect(last().options).not.toHaveProperty('icon');
  });
});

describe('createElectronNotifier: outcomes', () => {
  it('resolves shown when the OS shows it within show() itself (Linux)', async () => {
    const { notifier } = setup();
    FakeNotification.onShow = (notification) => notification.emit('show', {});
    expect(await notifier.notify(notice())).toBe('shown');
  });

  it.each([
    ['click', [{}], 'clicked'],
    ['action', [{ actionIndex: 0 }, 0], 'clicked'],
    ['failed', [{}, 'Notifications are disabled in Windows settings'], 'failed'],
    ['close', [{ reason: 'userCanceled' }], 'dismissed'],
    ['close', [{ reason: 'timedOut' }], 'timed_out'],
    ['close', [{}], 'dismissed'],
  ] as const)('resolves on %s before show: %j → %s', async (event, args, expected) => {
    const { notifier, last } = setup();
    const outcome = notifier.notify(notice());
    last().emit(event, ...args);
    expect(await outcome).toBe(expected as DeliveryOutcome);
  });

  it('keeps the first outcome: a close after show does not change shown', async () => {
    const { notifier, last } = setup();
    const outcome = notifier.notify(notice());
    last().emit('show', {});
    last().emit('close', { reason: 'userCanceled' });
    expect(await outcome).toBe('shown');
  });

  it('logs why the OS refused a notice', async () => {
    const { notifier, last, log } = setup();
    const outcome = notifier.notify(notice());
    last().emit('failed', {}, 'Notifications are disabled in Windows settings');
    expect(await outcome).toBe('failed');
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('Notifications are disabled in Windows settings'),
    );
  });

  it('counts a notice the OS never confirmed as failed at the deadline, so the core tries again', async () => {
    const { notifier, clock, log } = setup();
    const outcome = notifier.notify(notice());
    clock.advance(NOTICE_DEADLINE_MS - 1);
    expect((await state(outcome)).done).toBe(false);
    clock.advance(1);
    expect(await outcome).toBe('failed');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('did not confirm it within 10 s'));
  });

  it('reports the last refusal as its problem until a notice is shown again', async () => {
    const { notifier, last } = setup();
    expect(notifier.problem()).toBeNull();
    const refused = notifier.notify(notice());
    last().emit('failed', {}, 'Notifications are disabled in Windows settings');
    await refused;
    expect(notifier.problem()).toBe('Notifications are disabled in Windows settings');
    const shown = notifier.notify(notice());
    last().emit('show', {});
    await shown;
    expect(notifier.problem()).toBeNull();
    expect(notifier.channel).toBe('electron');
  });

  it('reports a missing notification service as its problem before any notice', () => {
    expect(setup({ isSupported: () => false }).notifier.problem()).toMatch(
      /no notification service Piket can use/,
    );
  });

  it('disarms the deadline once the OS answered', async () => {
    const { notifier, clock, last } = setup();
    const outcome = notifier.notify(notice());
    last().emit('show', {});
    expect(await outcome).toBe('shown');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('fails without a Notification when the OS has no notification service, and says so', async () => {
    const { notifier, log } = setup({ isSupported: () => false });
    expect(await notifier.notify(notice())).toBe('failed');
    expect(FakeNotification.made).toHaveLength(0);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/no notification service Piket can use/));
  });

  it('fails instead of throwing when Electron throws', async () => {
    const { notifier, log } = setup({
      Notification: class {
        constructor() {
          throw new Error('Notification is not available before the app is ready');
        }
      } as unknown as ElectronNotifierOptions['Notification'],
    });
    expect(await notifier.notify(notice())).toBe('failed');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('before the app is ready'));
  });
});

describe('createElectronNotifier: what the person does with it', () => {
  it('opens the ticket on a click, also after the notice was shown', async () => {
    const { notifier, last, showTicket } = setup();
    const outcome = notifier.notify(notice({ ticketId: 42 }));
    last().emit('show', {});
    expect(await outcome).toBe('shown');
    last().emit('click', {});
    expect(showTicket).toHaveBeenCalledExactlyOnceWith(42);
  });

  it('shows just the window for a summary', () => {
    const { notifier, last, showTicket } = setup();
    void notifier.notify(notice({ ticketId: null }));
    last().emit('click', {});
    expect(showTicket).toHaveBeenCalledExactlyOnceWith(null);
  });

  it('acknowledges the ticket from its Acknowledge button, without opening the window', async () => {
    const { notifier, last, acknowledge, showTicket } = setup();
    void notifier.notify(notice({ ticketId: 42 }));
    last().emit('show', {});
    last().emit('action', { actionIndex: 0 }, 0);
    expect(acknowledge).toHaveBeenCalledExactlyOnceWith(42);
    expect(showTicket).not.toHaveBeenCalled();
  });

  it('logs a failed acknowledgement instead of throwing into Electron', async () => {
    const { notifier, last, log } = setup({
      acknowledge: () =>
        Promise.reject(new Error('Ticket DEMO-1 is closed; a closed ticket cannot be changed.')),
    });
    void notifier.notify(notice({ ticketId: 42 }));
    expect(() => last().emit('action', { actionIndex: 0 }, 0)).not.toThrow();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/^Acknowledging ticket 42 from its notification failed: .*closed/),
    );
  });

  it('logs a failure to open the ticket instead of throwing into Electron', () => {
    const { notifier, last, log } = setup({
      showTicket: () => {
        throw new Error('Object has been destroyed');
      },
    });
    void notifier.notify(notice({ ticketId: 42 }));
    expect(() => last().emit('click', {})).not.toThrow();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Object has been destroyed'));
  });
});

describe('createElectronNotifier: references', () => {
  it('keeps each notification until the OS is done with it (closed, clicked, answered or failed)', async () => {
    const { notifier } = setup();
    const shown = [notice(), notice(), notice(), notice(), notice()].map((n) => notifier.notify(n));
    const [closed, clicked, answered, failed, open] = FakeNotification.made;
    for (const notification of FakeNotification.made) notification.emit('show', {});
    await Promise.all(shown);
    expect(notifier.kept()).toBe(5);
    closed!.emit('close', { reason: 'userCanceled' });
    clicked!.emit('click', {});
    answered!.emit('action', { actionIndex: 0 }, 0);
    failed!.emit('failed', {}, 'gone');
    expect(notifier.kept()).toBe(1);
    open!.emit('close', {});
    expect(notifier.kept()).toBe(0);
  });

  it('keeps a notification the OS has not confirmed, so a late click still opens its ticket', async () => {
    const { notifier, clock, last, showTicket } = setup();
    const outcome = notifier.notify(notice({ ticketId: 9 }));
    clock.advance(NOTICE_DEADLINE_MS);
    expect(await outcome).toBe('failed');
    expect(notifier.kept()).toBe(1);
    last().emit('click', {});
    expect(showTicket).toHaveBeenCalledWith(9);
  });

  it('lets go of the oldest beyond the limit, for platforms that never say close', () => {
    const { notifier } = setup();
    for (let i = 0; i < MAX_KEPT_NOTIFICATIONS + 3; i++) void notifier.notify(notice({ key: `k${i}` }));
    expect(notifier.kept()).toBe(MAX_KEPT_NOTIFICATIONS);
    FakeNotification.made[0]!.emit('close', {});
    expect(notifier.kept()).toBe(MAX_KEPT_NOTIFICATIONS);
    FakeNotification.made.at(-1)!.emit('close', {});
    expect(notifier.kept()).toBe(MAX_KEPT_NOTIFICATIONS - 1);
  });
});
