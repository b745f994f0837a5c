// The alerts capability: turns what the scheduler raised (SLA warnings and breaches, P1s awaiting acknowledgement)
// into notices for the host's Notifier, records each before it is handed over and what became of it, retries the
// failed ones, and keeps a first start from becoming a storm: what had already passed before Piket first saw a
// connection's tickets is summed up in one notice per connection.
import type { SlaAlert } from '../api/contract';
import type { AlertNotice, DeliveryOutcome, Notifier, NoticeUrgency } from '../alerts/notifier';
import type { Clock, TimerHandle } from '../domain/clock';
import type { AlertDeliveries, QueuedNotice } from '../store/alert-deliveries';
import type { SettingsStore } from '../store/settings-store';
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

export class Alerts {
  private readonly summaries = new Map<string, Summary>();
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
    this.enqueue(fresh.map((alert) => slaNotice(alert, this.isLate(alert.at))));
    return fresh;
  }

  /**
   * P1s awaiting acknowledgement: each arrival and reminder is a critical notice of its own. An arrival is news
   * whenever Piket first sees it (ticket systems report new tickets with some lag), so it is never marked late.
   */
  onP1(alerts: readonly P1Alert[]): void {
    this.enqueue(alerts.map((alert) => p1Notice(alert)));
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
    const { deliveries, clock, settings } = this.options;
    // A pause (pauseAlerts) holds back everything but P1s; what it held back is not raised afterwards.
    const pausedUntil = readSettings(settings).alertsPausedUntil;
    const paused = pausedUntil !== null && clock.now() < pausedUntil;
    const notices = paused ? all.filter((notice) => notice.urgency === 'critical') : all;
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

  /** Hands every waiting notice to the Notifier, one at a time; a call while it runs makes it go round again. */
  private deliver(): void {
    if (this.options.notifier === null || this.closed) return;
    if (this.delivering) {
      this.again = true;
      return;
    }
    this.delivering = this.deliverAll().finally(() => {
      this.delivering = null;
      if (this.again && !this.closed) {
        this.again = false;
        this.deliver();
      } else this.armRetry();
    });
  }

  private async deliverAll(): Promise<void> {
    const { deliveries, clock, notifier, log } = this.options;
    for (let batch = deliveries.due(clock.now()); batch.length > 0; batch = deliveries.due(clock.now())) {
      for (const notice of batch) {
        if (this.closed) return;
        const outcome: DeliveryOutcome = await notifier!.notify(toAlertNotice(notice));
        if (this.closed) return;
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
