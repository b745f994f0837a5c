// The overview capability: the core's one-glance summary for the tray, the alert window and the browser tab
// (P1s awaiting acknowledgement, deadlines passed or near, sync trouble), served by getOverview and pushed as
// overviewChanged whenever it changes: after a sync page, a change, a settings change, a schedule change, and every
// half minute as deadlines come near and shifts hand over.
import type { AttentionState, Overview, SyncStatus } from '../api/contract';
import type { Clock, TimerHandle } from '../domain/clock';
import type { OverviewQueries } from '../store/overview-queries';
import type { SettingsStore } from '../store/settings-store';
import type { EventHub } from './event-hub';
import { readSettings } from './settings';

/** A deadline this near counts as "due soon" (the tray's warning state). */
export const DUE_SOON_MS = 60 * 60_000;
/** How often the overview is recomputed while nothing else happens (deadlines come near by themselves). */
export const OVERVIEW_REFRESH_MS = 30_000;

export interface OverviewOptions {
  queries: OverviewQueries;
  sync: () => SyncStatus;
  settings: SettingsStore;
  /** Until when a P1's alert is snoozed, or null. */
  snoozedUntil: (ticketId: number) => number | null;
  /** Who is on call at an instant, per schedule. */
  onCallAt: (at: number) => Overview['onCall'];
  clock: Clock;
  events: EventHub;
}

/** The most pressing state first: P1 > sync error or refused changes > offline > deadline near > quiet. */
function stateOf(overview: Omit<Overview, 'state'>, sync: SyncStatus): AttentionState {
  if (overview.p1Waiting.length > 0) return 'p1';
  const failing = sync.connections.some(
    (connection) => connection.state === 'error' || connection.state === 'stopped' || connection.rejected > 0,
  );
  if (failing || overview.problems > 0) return 'error';
  if (overview.offline > 0) return 'offline';
  if (overview.breached > 0 || overview.dueSoon > 0) return 'warning';
  return 'quiet';
}

export class OverviewWatch {
  private lastSent: string | null = null;
  private timer: TimerHandle | null = null;
  private queued = false;
  private stopped = false;

  constructor(private readonly options: OverviewOptions) {}

  get(): Overview {
    const { queries, sync, settings, snoozedUntil, onCallAt, clock } = this.options;
    const now = clock.now();
    const status = sync();
    const counts = queries.deadlineCounts(now, now + DUE_SOON_MS);
    const partial: Omit<Overview, 'state'> = {
      open: counts.open,
      p1Waiting: queries.waitingP1s().map((row) => ({ ...row, snoozedUntil: snoozedUntil(row.id) })),
      breached: counts.breached,
      dueSoon: counts.dueSoon,
      waiting: status.connections.reduce((sum, connection) => sum + connection.waiting, 0),
      problems: status.connections.reduce((sum, connection) => sum + connection.problems, 0),
      offline: status.connections.filter((connection) => connection.state === 'offline').length,
      syncMessage: status.message,
      lastSyncAt: status.lastSyncAt,
      alertsPausedUntil: readSettings(settings).alertsPausedUntil,
      onCall: onCallAt(now),
      computedAt: now,
    };
    return { state: stateOf(partial, status), ...partial };
  }

  /** Recomputes once the current burst of changes is over, and sends it when it differs from the last one sent. */
  changed(): void {
    if (this.queued || this.stopped) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      if (!this.stopped) this.send();
    });
  }

  /** Sends now and then every OVERVIEW_REFRESH_MS, or sooner when a snooze ends. */
  start(): void {
    this.send();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private send(): void {
    const { clock, events } = this.options;
    const overview = this.get();
    const key = JSON.stringify({ ...overview, computedAt: 0 });
    if (key !== this.lastSent) {
      this.lastSent = key;
      events.emit('overviewChanged', overview);
    }
    if (this.timer) clock.clearTimer(this.timer);
    const snoozeEnds = overview.p1Waiting
      .map((p1) => p1.snoozedUntil)
      .filter((until): until is number => until !== null);
    const next = Math.min(OVERVIEW_REFRESH_MS, ...snoozeEnds.map((until) => until - overview.computedAt));
    this.timer = clock.setTimer(() => this.send(), Math.max(0, next));
  }
}
