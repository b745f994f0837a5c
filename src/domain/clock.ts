// The injected clock: every component asks it for the time and for timers, so tests control time and never sleep.
export type TimerHandle = { readonly id: number };

export interface Clock {
  /** Current instant, UTC milliseconds. */
  now(): number;
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}
