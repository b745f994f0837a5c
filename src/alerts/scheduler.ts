// The one deadline scheduler: a min-heap of every ticket's next events (warnings, breaches, escalation
// steps), one timer armed for the earliest, and a persisted log of fired keys so each alert is raised
// at most once ever — late after sleep, a clock jump or a restart, but never twice.
import type { Clock, TimerHandle } from '../domain/clock';
import { MinHeap } from './min-heap';

export interface ScheduledEvent {
  /** Unique and stable across restarts, e.g. "42:resolution:P3:0.75" or "42:resolution:breach". */
  key: string;
  /** UTC milliseconds. */
  at: number;
  /**
   * What the event belongs to, e.g. "ticket:42" or "schedule:primary": `setGroup` replaces a group's events at once,
   * `removeGroup` drops them.
   */
  group: string;
}

/** The persisted set of fired keys (the core backs it with SQLite). */
export interface FiredLog {
  has(key: string): boolean;
  add(keys: readonly string[], firedAt: number): void;
}

export interface SchedulerOptions<E extends ScheduledEvent> {
  clock: Clock;
  fired: FiredLog;
  /** One batch per wake-up, ascending by `at`; each key at most once ever. */
  onDue: (events: E[]) => void;
  /**
   * Receives what `onDue` (or `fired.add`) throws. The scheduler has already re-armed by then.
   * Without it the error is rethrown to the caller: the timer, `start` or `checkNow`.
   */
  onError?: (error: unknown) => void;
  /**
   * Default 60_000: the timer never sleeps longer than this, so a wall-clock jump or a missed wake is
   * noticed within a minute with O(1) work (a peek), not a loop over tickets.
   */
  maxSleepMs?: number;
}

export const DEFAULT_MAX_SLEEP_MS = 60_000;

/**
 * Delivery is at-most-once: a batch's keys are recorded in the FiredLog *before* `onDue` is called,
 * so a crash or a throw inside `onDue` can lose that batch's alerts but can never repeat them.
 * A key that has fired stays fired: an event that must be raised again needs a new key.
 *
 * If `fired.add` throws, the batch is neither recorded nor delivered; it comes back with the next
 * `setGroup`/`replaceAll` of those tickets (late rather than never).
 *
 * Mutations (`setGroup`, `removeGroup`, `replaceAll`) never call `onDue` themselves: an event that is
 * already overdue is delivered by the next wake-up, which is armed at once (a zero delay).
 * Mutations and `checkNow` are safe inside `onDue`; the timer is re-armed when `onDue` returns.
 */
export class DeadlineScheduler<E extends ScheduledEvent> {
  readonly #clock: Clock;
  readonly #fired: FiredLog;
  readonly #onDue: (events: E[]) => void;
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #maxSleepMs: number;

  #heap = new MinHeap<E>();
  #groups = new Map<string, Set<string>>();
  #timer: TimerHandle | null = null;
  /** The `at` of the earliest event when the timer was armed (null: nothing pending). */
  #armedFor: number | null = null;
  #running = false;
  #delivering = false;

  constructor(options: SchedulerOptions<E>) {
    const maxSleepMs = options.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
    if (!(maxSleepMs > 0) || !Number.isFinite(maxSleepMs)) {
      throw new RangeError(`maxSleepMs must be a positive number, got ${maxSleepMs}`);
    }
    this.#clock = options.clock;
    this.#fired = options.fired;
    this.#onDue = options.onDue;
    this.#onError = options.onError;
    this.#maxSleepMs = maxSleepMs;
  }

  /** Replaces all pending events of one group; keys absent from `events` are dropped. */
  setGroup(group: string, events: readonly E[]): void {
    const keep = new Set<string>();
    for (const event of events) {
      validate(event);
      if (event.group !== group) {
        throw new RangeError(`event ${event.key} belongs to group ${event.group}, not ${group}`);
      }
      keep.add(event.key);
    }
    for (const key of this.#groups.get(group) ?? []) {
      if (!keep.has(key)) this.#remove(key);
    }
    for (const event of events) this.#insert(event);
    this.#rearmIfEarliestMoved();
  }

  removeGroup(group: string): void {
    for (const key of this.#groups.get(group) ?? []) this.#heap.remove(key);
    this.#groups.delete(group);
    this.#rearmIfEarliestMoved();
  }

  /**
   * Full recompute (contracts edited, start-up, time-zone change): replaces every pending event whose group starts
   * with `prefix` (all of them by default); the events given must belong to such groups.
   */
  replaceAll(events: readonly E[], prefix = ''): void {
    for (const event of events) {
      validate(event);
      if (!event.group.startsWith(prefix)) {
        throw new RangeError(`event ${event.key} belongs to group ${event.group}, outside ${prefix}`);
      }
    }
    if (prefix === '') {
      this.#heap = new MinHeap<E>();
      this.#groups = new Map();
    } else {
      for (const [group, keys] of [...this.#groups]) {
        if (!group.startsWith(prefix)) continue;
        for (const key of keys) this.#heap.remove(key);
        this.#groups.delete(group);
      }
    }
    for (const event of events) this.#insert(event);
    this.#rearmIfEarliestMoved();
  }

  /** Arms the timer and fires at once what is already overdue (raised late rather than never). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#wake();
  }

  /** Disarms the timer; pending events are kept for a later `start`. */
  stop(): void {
    this.#running = false;
    this.#disarm();
  }

  /** Call on wake from sleep, unlock, clock jump or time-zone change: fires what is overdue now, re-arms. */
  checkNow(): void {
    this.#wake();
  }

  nextAt(): number | null {
    return this.#heap.peek()?.at ?? null;
  }

  size(): number {
    return this.#heap.size;
  }

  #insert(event: E): void {
    if (this.#fired.has(event.key)) {
      this.#remove(event.key);
      return;
    }
    const previous = this.#heap.get(event.key);
    if (previous !== undefined && previous.group !== event.group) this.#untrack(previous);
    this.#heap.push(event);
    let keys = this.#groups.get(event.group);
    if (keys === undefined) {
      keys = new Set();
      this.#groups.set(event.group, keys);
    }
    keys.add(event.key);
  }

  #remove(key: string): void {
    const removed = this.#heap.remove(key);
    if (removed !== undefined) this.#untrack(removed);
  }

  #untrack(event: E): void {
    const keys = this.#groups.get(event.group);
    keys?.delete(event.key);
    if (keys?.size === 0) this.#groups.delete(event.group);
  }

  /** Pops everything due, records it, delivers it as one batch, then re-arms. */
  #wake(): void {
    if (!this.#running || this.#delivering) return; // inside onDue: the re-arm after it takes over
    const now = this.#clock.now();
    const batch: E[] = [];
    for (let next = this.#heap.peek(); next !== undefined && next.at <= now; next = this.#heap.peek()) {
      this.#heap.pop();
      this.#untrack(next);
      if (!this.#fired.has(next.key)) batch.push(next);
    }
    if (batch.length === 0) {
      this.#arm();
      return;
    }
    this.#delivering = true;
    try {
      this.#fired.add(
        batch.map((event) => event.key),
        now,
      );
      this.#onDue(batch);
    } catch (error) {
      if (this.#onError === undefined) throw error;
      this.#onError(error);
    } finally {
      this.#delivering = false;
      this.#arm();
    }
  }

  #rearmIfEarliestMoved(): void {
    if (!this.#running || this.#delivering) return;
    if (this.nextAt() === this.#armedFor) return;
    this.#arm();
  }

  /** Arms the one timer for the earliest event, sleeping at most maxSleepMs. */
  #arm(): void {
    this.#disarm();
    if (!this.#running) return;
    const next = this.nextAt();
    this.#armedFor = next;
    if (next === null) return;
    const delay = Math.min(Math.max(0, next - this.#clock.now()), this.#maxSleepMs);
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = null;
      this.#wake();
    }, delay);
  }

  #disarm(): void {
    if (this.#timer !== null) this.#clock.clearTimer(this.#timer);
    this.#timer = null;
    this.#armedFor = null;
  }
}

/** Checked before any change, so a bad event leaves the scheduler as it was. */
function validate(event: ScheduledEvent): void {
  if (!Number.isFinite(event.at)) throw new RangeError(`event ${event.key} has no valid instant`);
}
