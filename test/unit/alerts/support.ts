// Test doubles for the scheduler: an in-memory FiredLog, a fake clock that counts armed timers and can
// also suspend (wall time moves, monotonic timers stay frozen, as setTimeout does on a sleeping laptop),
// and an event builder.
import type { TimerHandle } from '../../../src/domain/clock';
import type { FiredLog, ScheduledEvent } from '../../../src/alerts/scheduler';
import { createFakeClock } from '../../support/fake-clock';
import type { FakeClock } from '../../support/fake-clock';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2026, 5, 10, 9, 0, 0);

/** The FiredLog the core backs with SQLite, in memory; counts lookups to check the work per wake-up. */
export class MemoryFiredLog implements FiredLog {
  readonly firedAt = new Map<string, number>();
  lookups = 0;

  has(key: string): boolean {
    this.lookups++;
    return this.firedAt.has(key);
  }

  add(keys: readonly string[], firedAt: number): void {
    for (const key of keys) this.firedAt.set(key, firedAt);
  }
}

export interface TestClock extends FakeClock {
  /** How many timers have been armed so far. */
  timersArmed(): number;
  /**
   * Moves wall time forward while the timers' own time stands still, like a suspended laptop: an armed
   * timer fires as late as it would have without the sleep. (`sleepTo` instead leaves overdue timers
   * to fire on the next advance.)
   */
  suspend(ms: number): void;
}

export function createTestClock(start = T0): TestClock {
  const base = createFakeClock(start);
  let skew = 0;
  let armed = 0;
  return {
    now: () => base.now() + skew,
    setTimer(callback: () => void, delayMs: number): TimerHandle {
      armed++;
      return base.setTimer(callback, delayMs);
    },
    clearTimer: (handle) => base.clearTimer(handle),
    advance: (ms) => base.advance(ms),
    jumpTo: (instant) => base.jumpTo(instant - skew),
    sleepTo: (instant) => base.sleepTo(instant - skew),
    pendingTimers: () => base.pendingTimers(),
    timersArmed: () => armed,
    suspend(ms) {
      skew += ms;
    },
  };
}

/** An event of ticket `group`, keyed "group:kind". */
export const ev = (group: string, kind: string, at: number): ScheduledEvent => ({
  key: `${group}:${kind}`,
  at,
  group,
});
