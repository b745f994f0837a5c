// The alerts capability: turns what the scheduler raised (SLA warnings and breaches, P1s awaiting acknowledgement)
// into notices for the host's Notifier, records each before it is handed over and what became of it, retries the
// failed ones, and keeps a first start and a wake from sleep from becoming a storm: what had already passed before
// Piket first saw a connection's tickets, or while the computer slept, is summed up in one notice. It also keeps
// the snoozes of P1 alert windows and sends the health panel's test notice.
import type { NotificationHealth, PiketHandlers, SlaAlert } from '../api/contract';
import { ApiFailure } from '../api/dispatch';
import { notificationAdvice, platformOf } from '../alerts/notification-advice';
import type { AlertNotice, DeliveryOutcome, Notifier, NoticeUrgency } from '../alerts/notifier';
import type { Clock, TimerHandle } from '../domain/clock';
import type { AlertDeliveries, QueuedNotice } from '../store/alert-deliveries';
import type { SettingsStore } from '../store/settings-store';
import { mayNotify } from '../alerts/policy';
import type { OverviewWatch } from './overview';
import { readSettings } from './settings';
import type { P1Alert } from './sla-tracker';

/** How long a first sync's overdue alerts are gathered before their one summary goes out. */
export const SUMMARY_DELAY_MS = 5_000;
/** Waits before the n-th retry of a failed notice. */
const RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000];
/** An alert raised this long after it fell due is marked late. */
const LATE_AFTER_MS = 60_000;
/** Per connection, when Piket first saw its tickets (settings key). */
const FIRST_SEEN_KEY = 'alertsFirstSeen';

const TARGET_WORDS: Record<SlaAlert['target'], string> = {
  response: 'response',
  resolution: 'resolution',
  securityPlan: 'security plan',
  securityPatch: 'security patch',
};

export interface AlertsOptions {
  deliveries: AlertDeliveries;
  settings: SettingsStore;
  /** The host's way to reach the person; null where nobody is notified (then nothing is recorded either). */
  notifier: Notifier | null;
  clock: Clock;
  log: (line: string) => void;
  /** Whether I am on call at an instant; null when no rotation says (then I count as on call). */
  onCall?: (at: number) => boolean | null;
  /** The person clicked a notice (where the Notifier tells): show its ticket. */
  onClicked?: (ticketId: number | null) => void;
}

function lateNote(late: boolean): string {
  return late ? ' (raised late: it fell due while Piket was not running)' : '';
}

function slaNotice(alert: SlaAlert, late: boolean): Omit<QueuedNotice, 'attempts'> {
  const what = TARGET_WORDS[alert.target];
  const title =
    alert.kind === 'breach'
      ? `${alert.priority} ${what} deadline breached: ${alert.subject}`
      : `${alert.priority} ${what} deadline at ${Math.round((alert.fraction ?? 0) * 100)}%: ${alert.subject}`;
  const urgency: NoticeUrgency =
    alert.priority === 'P1' ? 'critical' : alert.kind === 'breach' ? 'normal' : 'low';
  return {
    key: alert.key,
    source: alert.source,
    ticketId: alert.ticketId,
    title,
    body: `Ticket ${alert.externalId}${lateNote(late)}`,
    urgency,
    dueAt: alert.at,
    late,
  };
}

function p1Notice(alert: P1Alert): Omit<QueuedNotice, 'attempts'> {
  const minutes = Math.round((alert.round * 5 * 60_000) / 60_000);
  return {
    key: alert.key,
    source: alert.source,
    ticketId: alert.ticketId,
    title: alert.round === 0 ? `New P1: ${alert.subject}` : `P1 still not acknowledged: ${alert.subject}`,
    body:
      alert.round === 0
        ? `Ticket ${alert.externalId} waits for acknowledgement`
        : `Ticket ${alert.externalId}: nobody has acknowledged it for ${minutes} minutes`,
    urgency: 'critical',
    dueAt: alert.at,
    late: false,
  };
}

interface Summary {
  firstSeen: number;
  tickets: Set<number>;
  timer: TimerHandle;
}

/** What a wake from sleep gathers: the SLA alerts that fell due while the computer slept. */
interface Slept {
  alerts: SlaAlert[];
}

export class Alerts {
  private readonly summaries = new Map<string, Summary>();
  /** Per ticket, until when its P1 alert window and reminders stay away. */
  private readonly snoozes = new Map<number, number>();
  private slept: Slept | null = null;
  private retryTimer: TimerHandle | null = null;
  private delivering: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly options: AlertsOptions) {}

  /** Delivers what waits from an earlier run (late rather than never). */
  start(): void {
    this.deliver();
  }

  close(): void {
    this.closed = true;
    const { clock } = this.options;
    if (this.retryTimer) clock.clearTimer(this.retryTimer);
    for (const summary of this.summaries.values()) clock.clearTimer(summary.timer);
    this.summaries.clear();
  }

  /**
   * SLA alerts the scheduler raised; returns those worth showing one by one (the in-app toasts), without the ones
   * that had passed before Piket first saw their connection's tickets.
   */
  onSla(alerts: readonly SlaAlert[]): SlaAlert[] {
    const fresh = alerts.filter((alert) => !this.summed(alert.source, alert.at, alert.ticketId));
    const { slept } = this;
    const now = fresh.filter((alert) => !(slept && this.isLate(alert.at) && slept.alerts.push(alert)));
    this.enqueue(now.map((alert) => slaNotice(alert, this.isLate(alert.at))));
    return now;
  }

  /**
   * P1s awaiting acknowledgement: each arrival and reminder is a critical notice of its own. An arrival is news
   * whenever Piket first sees it (ticket systems report new tickets with some lag), so it is never marked late.
   * A snoozed P1's reminders stay quiet until its snooze ends.
   */
  onP1(alerts: readonly P1Alert[]): void {
    const now = this.options.clock.now();
    this.enqueue(
      alerts
        .filter((alert) => alert.round === 0 || (this.snoozes.get(alert.ticketId) ?? 0) <= now)
        .map((alert) => p1Notice(alert)),
    );
  }

  /**
   * A wake from sleep begins: until the returned `finish` runs (after the wake's sync and recheck), the SLA alerts
   * that had fell due more than a minute earlier are gathered, and `finish` raises them as one late notice ("12
   * deadlines passed while asleep") instead of one each; a single one stays itself.
   */
  gatherSlept(): () => void {
    const slept: Slept = { alerts: [] };
    this.slept = slept;
    return () => {
      if (this.slept === slept) this.slept = null;
      this.raiseSlept(slept.alerts);
    };
  }

  private raiseSlept(alerts: readonly SlaAlert[]): void {
    const { clock } = this.options;
    if (alerts.length === 1) this.enqueue([slaNotice(alerts[0]!, true)]);
    if (alerts.length < 2) return;
    const earliest = Math.min(...alerts.map((alert) => alert.at));
    const tickets = new Set(alerts.map((alert) => alert.ticketId)).size;
    this.enqueue([
      {
        key: `asleep:${earliest}:${clock.now()}`,
        source: null,
        ticketId: null,
        title: `${alerts.length} deadlines passed while asleep`,
        body: `On ${tickets} ticket${tickets === 1 ? '' : 's'}; the queue shows each, most urgent first.`,
        urgency: alerts.some((alert) => alert.priority === 'P1') ? 'critical' : 'normal',
        dueAt: earliest,
        late: true,
      },
    ]);
  }

  /** Keeps a P1's alert window away and its reminders quiet until `until`. */
  snooze(ticketId: number, until: number): void {
    this.snoozes.set(ticketId, until);
  }

  /** Until when a P1 is snoozed, or null when it is not (any more). */
  snoozedUntil(ticketId: number): number | null {
    const until = this.snoozes.get(ticketId);
    if (until === undefined) return null;
    if (until > this.options.clock.now()) return until;
    this.snoozes.delete(ticketId);
    return null;
  }

  /** Hands a test notice to the Notifier now, whatever pause or quiet hours say, and waits for its outcome. */
  async sendTest(): Promise<void> {
    const { deliveries, clock } = this.options;
    const now = clock.now();
    deliveries.enqueue(
      [
        {
          key: `test:${now}`,
          source: null,
          ticketId: null,
          title: 'Piket test notification',
          body: 'Notifications from Piket reach you.',
          urgency: 'normal',
          dueAt: now,
          late: false,
          attempts: 0,
        },
      ],
      now,
    );
    for (let round = 0; round < 3 && this.deliver(); round++) await this.delivering;
  }

  private isLate(at: number): boolean {
    return this.options.clock.now() - at > LATE_AFTER_MS;
  }

  /**
   * Whether an alert of `source` that fell due at `at` had passed before Piket first saw that connection's tickets;
   * if so it is counted in the connection's one summary instead.
   */
  private summed(source: string, at: number, ticketId: number): boolean {
    const { settings, clock } = this.options;
    const firstSeen = settings.get<Record<string, number>>(FIRST_SEEN_KEY, {});
    let since = firstSeen[source];
    if (since === undefined) {
      since = clock.now();
      settings.set(FIRST_SEEN_KEY, { ...firstSeen, [source]: since });
    }
    if (at >= since) return false;
    let summary = this.summaries.get(source);
    if (!summary) {
      summary = {
        firstSeen: since,
        tickets: new Set(),
        timer: clock.setTimer(() => this.summarize(source), SUMMARY_DELAY_MS),
      };
      this.summaries.set(source, summary);
    }
    summary.tickets.add(ticketId);
    return true;
  }

  private summarize(source: string): void {
    const summary = this.summaries.get(source);
    this.summaries.delete(source);
    if (!summary || this.closed) return;
    const count = summary.tickets.size;
    this.enqueue([
      {
        key: `summary:${source}:${summary.firstSeen}`,
        source,
        ticketId: null,
        title: `${count} ticket${count === 1 ? ' was' : 's were'} already past an SLA warning or deadline`,
        body: 'They passed before Piket first synced them; the queue shows each, most urgent first.',
        urgency: 'normal',
        dueAt: summary.firstSeen,
        late: false,
      },
    ]);
  }

  private enqueue(all: ReadonlyArray<Omit<QueuedNotice, 'attempts'>>): void {
    const { deliveries, clock, settings, onCall } = this.options;
    // A pause, quiet hours or being off call hold notices back (see mayNotify); what they held back is not raised
    // afterwards. The UI still shows every ticket's state.
    const now = clock.now();
    const { alertsPausedUntil, alertWhen, quietHours } = readSettings(settings);
    const gate = {
      now,
      pausedUntil: alertsPausedUntil,
      alertWhen,
      quietHours,
      onCall: onCall ? onCall(now) : null,
    };
    const notices = all.filter((notice) => mayNotify(notice.urgency === 'critical', gate));
    if (this.options.notifier === null || notices.length === 0) return;
    if (
      deliveries.enqueue(
        notices.map((notice) => ({ ...notice, attempts: 0 })),
        clock.now(),
      ) > 0
    ) {
      this.deliver();
    }
  }

  /**
   * Hands every waiting notice to the Notifier, one at a time; a call while it runs makes it go round again.
   * Returns whether a delivery round is under way.
   */
  private deliver(): boolean {
    if (this.options.notifier === null || this.closed) return false;
    if (this.delivering) {
      this.again = true;
      return true;
    }
    this.delivering = this.deliverAll().finally(() => {
      this.delivering = null;
      if (this.again && !this.closed) {
        this.again = false;
        this.deliver();
      } else this.armRetry();
    });
    return true;
  }

  private async deliverAll(): Promise<void> {
    const { deliveries, clock, notifier, log } = this.options;
    for (let batch = deliveries.due(clock.now()); batch.length > 0; batch = deliveries.due(clock.now())) {
      for (const notice of batch) {
        if (this.closed) return;
        const outcome: DeliveryOutcome = await notifier!.notify(toAlertNotice(notice));
        if (this.closed) return;
        if (outcome === 'clicked') this.options.onClicked?.(notice.ticketId);
        const delay = RETRY_DELAYS_MS[Math.min(notice.attempts, RETRY_DELAYS_MS.length - 1)]!;
        deliveries.record(notice.key, outcome, clock.now(), outcome === 'failed' ? clock.now() + delay : 0);
        if (outcome === 'failed') log(`The notice "${notice.title}" could not be shown; Piket tries again.`);
      }
    }
  }

  private armRetry(): void {
    const { deliveries, clock } = this.options;
    if (this.retryTimer) clock.clearTimer(this.retryTimer);
    this.retryTimer = null;
    const next = deliveries.nextRetryAt();
    if (next === null || this.closed) return;
    this.retryTimer = clock.setTimer(() => this.deliver(), Math.max(0, next - clock.now()));
  }
}

function toAlertNotice(notice: QueuedNotice): AlertNotice {
  return {
    key: notice.key,
    title: notice.title,
    body: notice.body,
    urgency: notice.urgency,
    ticketId: notice.ticketId,
    late: notice.late,
  };
}

export type AlertsHandlers = Pick<
  PiketHandlers,
  'getOverview' | 'snoozeP1' | 'getNotificationHealth' | 'sendTestNotification'
>;

export interface AlertsHandlersOptions {
  alerts: Alerts;
  overview: OverviewWatch;
  deliveries: AlertDeliveries;
  notifier: Notifier | null;
  clock: Pick<Clock, 'now'>;
  platform: string;
}

const DAY_MS = 24 * 60 * 60_000;

export function alertsHandlers(options: AlertsHandlersOptions): AlertsHandlers {
  const { alerts, overview, deliveries, notifier, clock } = options;
  const platform = platformOf(options.platform);
  const health = (): NotificationHealth => {
    const channel = notifier?.channel ?? 'none';
    const failedRecently = deliveries.failedSince(clock.now() - DAY_MS);
    const problem =
      notifier === null
        ? 'This Piket shows no notifications (another Piket owns the data folder, or none was set up).'
        : (notifier.problem() ??
          (failedRecently > 0
            ? `${failedRecently} notification${failedRecently === 1 ? '' : 's'} could not be shown in the last 24 hours.`
            : null));
    return {
      channel,
      problem,
      advice: notificationAdvice(platform, channel),
      platform,
      lastNotice: deliveries.last(),
      failedRecently,
    };
  };
  return {
    getOverview: () => overview.get(),
    snoozeP1: ({ id, minutes }) => {
      if (!overview.get().p1Waiting.some((p1) => p1.id === id)) {
        throw new ApiFailure('not_found', `Ticket ${id} is not a P1 waiting for acknowledgement.`);
      }
      alerts.snooze(id, clock.now() + minutes * 60_000);
      overview.changed();
      return overview.get();
    },
    getNotificationHealth: health,
    sendTestNotification: async () => {
      if (notifier === null) throw new ApiFailure('unavailable', health().problem ?? 'No notifier.');
      await alerts.sendTest();
      return health();
    },
  };
}
