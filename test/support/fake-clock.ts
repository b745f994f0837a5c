// A manual clock for tests: time moves only when the test advances it, firing due timers in order.
import type { Clock, TimerHandle } from '../../src/domain/clock';

export interface FakeClock extends Clock {
  /** Moves time forward, firing every timer that falls due on the way. */
  advance(ms: number): void;
  /** Jumps to an instant (forwards or backwards) without firing timers on the way; due timers fire after. */
  jumpTo(instant: number): void;
  /** Moves time without firing any timer, as a sleeping machine does; only an explicit check notices. */
  sleepTo(instant: number): void;
  pendingTimers(): number;
}

export function createFakeClock(start: number): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { due: number; callback: () => void }>();

  function fireDue(): void {
    for (;;) {
      let earliest: [number, { due: number; callback: () => void }] | undefined;
      for (const entry of timers) {
        if (entry[1].due <= now && (!earliest || entry[1].due < earliest[1].due)) earliest = entry;
      }
      if (!earliest) return;
      timers.delete(earliest[0]);
      earliest[1].callback();
    }
  }

  return {
    now: () => now,
    setTimer(callback, delayMs) {
      const id = nextId++;
      timers.set(id, { due: now + Math.max(0, delayMs), callback });
      return { id };
    },
    clearTimer(handle: TimerHandle) {
      timers.delete(handle.id);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const next = [...timers.values()].filter((t) => t.due <= target).sort((a, b) => a.due - b.due)[0];
        if (!next) break;
        now = Math.max(now, next.due);
        fireDue();
      }
      now = target;
      fireDue();
    },
    jumpTo(instant) {
      now = instant;
      fireDue();
    },
    sleepTo(instant) {
      now = instant;
    },
    pendingTimers: () => timers.size,
  };
}
