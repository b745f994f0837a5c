// The real clock, backed by Date.now and Node timers (unref'd so a pending timer never keeps a process alive).
import type { Clock, TimerHandle } from '../domain/clock';

export function createSystemClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    setTimer(callback, delayMs) {
      const id = nextId++;
      const timer = setTimeout(
        () => {
          timers.delete(id);
          callback();
        },
        Math.max(0, delayMs),
      );
      timer.unref();
      timers.set(id, timer);
      return { id };
    },
    clearTimer(handle: TimerHandle) {
      clearTimeout(timers.get(handle.id));
      timers.delete(handle.id);
    },
  };
}
