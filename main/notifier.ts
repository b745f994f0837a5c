// The desktop app's Notifier: hands each notice to the OS through Electron's Notification and turns its events into
// a DeliveryOutcome. A click opens the notice's ticket, an Acknowledge button (macOS, Windows) acknowledges it. It
// never throws, never rejects and never hangs. Only `import type` from electron: the Notification class is passed
// in, so this is tested under Node with a fake.
import type { Notification, NotificationConstructorOptions } from 'electron';
import type { AlertNotice, DeliveryOutcome, Notifier } from '../src/alerts/notifier';
import type { Clock, TimerHandle } from '../src/domain/clock';
import { createSystemClock } from '../src/platform/system-clock';

/**
 * Electron emits 'show' on every platform once the OS has the notice (Linux: libnotify accepted it; macOS:
 * Notification Center delivered it; Windows: the toast was shown) and 'failed' when it refused it. No word by then
 * means the notification service is stuck or gone: the notice counts as failed, so the core tries it again later.
 */
export const NOTICE_DEADLINE_MS = 10_000;
/**
 * Notifications kept for their events at most. Electron drops the events of a Notification that is garbage
 * collected, so each is kept until it is clicked, answered or closed; macOS does not always say 'close', so the
 * oldest go first beyond this.
 */
export const MAX_KEPT_NOTIFICATIONS = 50;
export const ACKNOWLEDGE_TEXT = 'Acknowledge';

/** The part of an Electron Notification this module uses. */
export type NotificationHandle = Pick<Notification, 'on' | 'show'>;

export interface ElectronNotifierOptions {
  /** Electron's Notification class (a fake one in unit tests). */
  Notification: new (options: NotificationConstructorOptions) => NotificationHandle;
  /** Electron's `Notification.isSupported()`: false when the OS has no notification service Electron can use. */
  isSupported: () => boolean;
  /** Shows the window and, for a ticket's notice, that ticket (null: a summary, just the window). */
  showTicket: (ticketId: number | null) => void;
  /** Acknowledges a ticket from its notification's Acknowledge button. */
  acknowledge: (ticketId: number) => unknown;
  /** Absolute path of Piket's icon, or null for the OS's default. */
  iconPath?: string | null;
  /** Decides how the body is written (Linux notification services read markup). */
  platform?: NodeJS.Platform;
  clock?: Clock;
  /** Where a failure is told in words (the app's log). */
  log: (line: string) => void;
}

export interface ElectronNotifier extends Notifier {
  /** How many notifications are kept alive for their events right now. */
  kept(): number;
}

/** Linux notification services read `&`, `<` and `>` in the body as markup: ticket text must stay text. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Whether the notice offers an Acknowledge button: a P1's notice about one ticket. */
function acknowledgeable(notice: AlertNotice): notice is AlertNotice & { ticketId: number } {
  return notice.urgency === 'critical' && notice.ticketId !== null;
}

/** What Electron's Notification is given for a notice. */
export function notificationOptions(
  notice: AlertNotice,
  iconPath: string | null,
  platform: NodeJS.Platform,
): NotificationConstructorOptions {
  const critical = notice.urgency === 'critical';
  return {
    title: notice.title,
    body: platform === 'linux' ? escapeMarkup(notice.body) : notice.body,
    // Linux and Windows: 'critical' alone does not keep a notice on screen; timeoutType 'never' does.
    urgency: notice.urgency,
    timeoutType: critical ? 'never' : 'default',
    silent: !critical,
    ...(iconPath === null ? {} : { icon: iconPath }),
    ...(acknowledgeable(notice) ? { actions: [{ type: 'button', text: ACKNOWLEDGE_TEXT }] } : {}),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createElectronNotifier(options: ElectronNotifierOptions): ElectronNotifier {
  const clock = options.clock ?? createSystemClock();
  const iconPath = options.iconPath ?? null;
  const platform = options.platform ?? process.platform;
  const log = options.log;
  const unsupported =
    'this system has no notification service Piket can use' +
    (platform === 'linux' ? ' (is a notification daemon running, and libnotify installed?)' : '');
  // Insertion order: the oldest first, to let go of beyond MAX_KEPT_NOTIFICATIONS.
  const kept = new Set<NotificationHandle>();
  let lastFailure: string | null = null;

  const keep = (notification: NotificationHandle): void => {
    kept.add(notification);
    for (const oldest of kept) {
      if (kept.size <= MAX_KEPT_NOTIFICATIONS) break;
      kept.delete(oldest);
    }
  };

  const guarded = (what: string, run: () => unknown): void => {
    try {
      const result = run();
      if (result instanceof Promise) {
        result.catch((error: unknown) => log(`${what} failed: ${describe(error)}`));
      }
    } catch (error) {
      log(`${what} failed: ${describe(error)}`);
    }
  };

  const notify = (notice: AlertNotice): Promise<DeliveryOutcome> =>
    new Promise((resolve) => {
      let settled = false;
      let timer: TimerHandle | null = null;
      const settle = (outcome: DeliveryOutcome, failure?: string): void => {
        if (settled) return;
        settled = true;
        if (timer) clock.clearTimer(timer);
        lastFailure = failure ?? null;
        if (failure !== undefined) log(`Desktop notification "${notice.key}" was not shown: ${failure}`);
        resolve(outcome);
      };

      let supported: boolean;
      try {
        supported = options.isSupported();
      } catch (error) {
        settle('failed', `the notification check failed: ${describe(error)}`);
        return;
      }
      if (!supported) {
        settle('failed', unsupported);
        return;
      }

      let notification: NotificationHandle;
      try {
        notification = new options.Notification(notificationOptions(notice, iconPath, platform));
      } catch (error) {
        settle('failed', describe(error));
        return;
      }
      const release = (): boolean => kept.delete(notification);
      notification.on('show', () => settle('shown'));
      notification.on('click', () => {
        release();
        settle('clicked');
        guarded(`Opening ticket ${notice.ticketId} from its notification`, () =>
          options.showTicket(notice.ticketId),
        );
      });
      notification.on('action', () => {
        release();
        settle('clicked');
        if (acknowledgeable(notice)) {
          const { ticketId } = notice;
          guarded(`Acknowledging ticket ${ticketId} from its notification`, () =>
            options.acknowledge(ticketId),
          );
        }
      });
      notification.on('failed', (_event, error) => {
        release();
        settle('failed', error || 'the OS refused it');
      });
      notification.on('close', (details) => {
        release();
        settle(details?.reason === 'timedOut' ? 'timed_out' : 'dismissed');
      });
      keep(notification);
      // Armed before show(): on Linux, 'show' is emitted within show() itself.
      timer = clock.setTimer(
        () => settle('failed', `the OS did not confirm it within ${NOTICE_DEADLINE_MS / 1000} s`),
        NOTICE_DEADLINE_MS,
      );
      try {
        notification.show();
      } catch (error) {
        release();
        settle('failed', describe(error));
      }
    });

  const problem = (): string | null => {
    try {
      return options.isSupported() ? lastFailure : unsupported;
    } catch (error) {
      return `the notification check failed: ${describe(error)}`;
    }
  };

  return { channel: 'electron', notify, problem, kept: () => kept.size };
}
