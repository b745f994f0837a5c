// The deadline scheduler on a fake clock: due instants, batches, one armed timer, group updates,
// restarts with a persisted FiredLog, clock jumps, sleep, long horizons, re-entrancy and failing
// handlers — and random operations checked against a model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SLEEP_MS, DeadlineScheduler } from '../../../src/alerts/scheduler';
import type { ScheduledEvent, SchedulerOptions } from '../../../src/alerts/scheduler';
import { DAY, HOUR, MINUTE, MemoryFiredLog, T0, createTestClock, ev } from './support';
import type { TestClock } from './support';

interface Batch {
  now: number;
  keys: string[];
}

function setup(
  options: Partial<SchedulerOptions<ScheduledEvent>> & { clock?: TestClock; fired?: MemoryFiredLog } = {},
) {
  const clock = options.clock ?? createTestClock();
  const fired = options.fired ?? new MemoryFiredLog();
  const batches: Batch[] = [];
  const scheduler = new DeadlineScheduler<ScheduledEvent>({
    ...options,
    clock,
    fired,
    onDue:
      options.onDue ??
      ((events) => {
        batches.push({ now: clock.now(), keys: events.map((event) => event.key) });
      }),
  });
  const keys = () => batches.flatMap((batch) => batch.keys);
  return { clock, fired, batches, scheduler, keys };
}

describe('DeadlineScheduler: firing', () => {
  it('fires at the due instant, not a millisecond before', () => {
    const { clock, scheduler, batches } = setup();
    scheduler.setGroup('1', [ev('1', 'breach', T0 + 10 * MINUTE)]);
    scheduler.start();
    clock.advance(10 * MINUTE - 1);
    expect(batches).toEqual([]);
    clock.advance(1);
    expect(batches).toEqual([{ now: T0 + 10 * MINUTE, keys: ['1:breach'] }]);
    expect(scheduler.size()).toBe(0);
    expect(scheduler.nextAt()).toBeNull();
  });

  it('batches simultaneous events into one call, ascending by at then key', () => {
    const { clock, scheduler, batches } = setup();
    const at = T0 + 5 * MINUTE;
    scheduler.setGroup('3', [ev('3', 'breach', at)]);
    scheduler.setGroup('1', [ev('1', 'warn', at), ev('1', 'breach', at + 1)]);
    scheduler.setGroup('2', [ev('2', 'warn', at)]);
    scheduler.start();
    clock.advance(5 * MINUTE);
    expect(batches).toEqual([{ now: at, keys: ['1:warn', '2:warn', '3:breach'] }]);
    clock.advance(1);
    expect(batches[1]).toEqual({ now: at + 1, keys: ['1:breach'] });
  });

  it('records each fired key with its firing instant, and never delivers it again', () => {
    const { clock, fired, scheduler, keys } = setup();
    scheduler.setGroup('1', [ev('1', 'warn', T0 + MINUTE)]);
    scheduler.start();
    clock.advance(MINUTE);
    expect(fired.firedAt).toEqual(new Map([['1:warn', T0 + MINUTE]]));
    scheduler.setGroup('1', [ev('1', 'warn', T0 + 2 * MINUTE)]);
    expect(scheduler.size()).toBe(0);
    scheduler.checkNow();
    clock.advance(HOUR);
    expect(keys()).toEqual(['1:warn']);
  });

  it('keeps at most one timer armed, and none when nothing is pending', () => {
    const { clock, scheduler } = setup();
    expect(clock.pendingTimers()).toBe(0);
    scheduler.start();
    expect(clock.pendingTimers()).toBe(0);
    for (let group = 1; group <= 50; group++) {
      const name = String(group);
      scheduler.setGroup(name, [ev(name, 'warn', T0 + group * MINUTE), ev(name, 'breach', T0 + HOUR)]);
      expect(clock.pendingTimers()).toBe(1);
    }
    expect(clock.timersArmed()).toBe(1); // later events leave the armed timer alone
    scheduler.checkNow();
    expect(clock.pendingTimers()).toBe(1);
    for (let i = 0; i < 90; i++) {
      clock.advance(MINUTE);
      expect(clock.pendingTimers()).toBeLessThanOrEqual(1);
    }
    expect(scheduler.size()).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('does nothing before start and after stop; start fires what became overdue meanwhile', () => {
    const { clock, scheduler, batches } = setup();
    scheduler.setGroup('1', [ev('1', 'warn', T0 + MINUTE), ev('1', 'breach', T0 + HOUR)]);
    clock.advance(2 * MINUTE);
    expect(batches).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
    scheduler.start();
    expect(batches).toEqual([{ now: T0 + 2 * MINUTE, keys: ['1:warn'] }]);
    scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(2 * HOUR);
    scheduler.checkNow();
    expect(batches).toHaveLength(1);
    scheduler.start();
    expect(batches[1]).toEqual({ now: T0 + 2 * HOUR + 2 * MINUTE, keys: ['1:breach'] });
  });

  it('rejects a non-positive maxSleepMs, an event of another group and an invalid instant', () => {
    const { clock, fired } = setup();
    expect(() => new DeadlineScheduler({ clock, fired, onDue: () => {}, maxSleepMs: 0 })).toThrow(RangeError);
    const { scheduler } = setup();
    expect(() => scheduler.setGroup('1', [ev('2', 'warn', T0)])).toThrow(RangeError);
    scheduler.setGroup('1', [ev('1', 'warn', T0 + HOUR)]);
    expect(() => scheduler.setGroup('1', [ev('1', 'breach', T0), ev('1', 'warn', Number.NaN)])).toThrow(
      RangeError,
    );
    expect(() => scheduler.replaceAll([ev('2', 'warn', T0), ev('3', 'warn', Infinity)])).toThrow(RangeError);
    expect(scheduler.size()).toBe(1); // unchanged
    expect(scheduler.nextAt()).toBe(T0 + HOUR);
  });
});

describe('DeadlineScheduler: changing events', () => {
  it('setGroup replaces a group’s events and re-arms for an earlier one', () => {
    const { clock, scheduler, batches } = setup();
    scheduler.setGroup('1', [ev('1', 'breach', T0 + 4 * HOUR)]);
    scheduler.setGroup('2', [ev('2', 'breach', T0 + 5 * HOUR)]);
    scheduler.start();
    clock.advance(HOUR);
    scheduler.setGroup('1', [ev('1', 'warn', T0 + HOUR + 30_000), ev('1', 'breach2', T0 + 3 * HOUR)]);
    expect(scheduler.nextAt()).toBe(T0 + HOUR + 30_000);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(30_000);
    expect(batches).toEqual([{ now: T0 + HOUR + 30_000, keys: ['1:warn'] }]);
    clock.advance(5 * HOUR);
    expect(batches.map((batch) => batch.keys)).toEqual([['1:warn'], ['1:breach2'], ['2:breach']]);
  });

  it('moves an event in place when its key comes back with a new instant, later or earlier', () => {
    const { clock, scheduler, batches } = setup();
    scheduler.start();
    scheduler.setGroup('1', [ev('1', 'breach', T0 + HOUR)]);
    scheduler.setGroup('1', [ev('1', 'breach', T0 + 2 * HOUR)]); // the clock was paused
    expect(scheduler.size()).toBe(1);
    clock.advance(HOUR + MINUTE);
    expect(batches).toEqual([]);
    scheduler.setGroup('1', [ev('1', 'breach', T0 + HOUR + 2 * MINUTE)]); // priority raised
    clock.advance(MINUTE);
    expect(batches).toEqual([{ now: T0 + HOUR + 2 * MINUTE, keys: ['1:breach'] }]);
  });

  it('delivers an event that is overdue when set on the next wake-up, not inside setGroup', () => {
    const { clock, scheduler, batches } = setup();
    scheduler.start();
    scheduler.setGroup('1', [ev('1', 'breach', T0 - HOUR)]);
    expect(batches).toEqual([]);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(0);
    expect(batches).toEqual([{ now: T0, keys: ['1:breach'] }]);
  });

  it('removeGroup drops a ticket’s events and disarms when nothing is left', () => {
    const { clock, scheduler, batches } = setup();
    scheduler.setGroup('1', [ev('1', 'warn', T0 + MINUTE), ev('1', 'breach', T0 + HOUR)]);
    scheduler.setGroup('2', [ev('2', 'breach', T0 + 2 * HOUR)]);
    scheduler.start();
    scheduler.removeGroup('1');
    expect(scheduler.size()).toBe(1);
    expect(scheduler.nextAt()).toBe(T0 + 2 * HOUR);
    scheduler.removeGroup('7');
    scheduler.removeGroup('2');
    expect(scheduler.size()).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(DAY);
    expect(batches).toEqual([]);
  });

  it('replaceAll swaps every pending event and skips fired keys', () => {
    const { clock, scheduler, keys } = setup();
    scheduler.replaceAll([ev('1', 'warn', T0 + MINUTE), ev('2', 'warn', T0 + 2 * MINUTE)]);
    scheduler.start();
    clock.advance(MINUTE);
    scheduler.replaceAll([ev('1', 'warn', T0 + 3 * MINUTE), ev('3', 'warn', T0 + 3 * MINUTE)]);
    expect(scheduler.size()).toBe(1);
    scheduler.setGroup('3', []);
    scheduler.replaceAll([ev('2', 'breach', T0 + HOUR), ev('3', 'breach', T0 + 10 * MINUTE)]);
    expect(scheduler.nextAt()).toBe(T0 + 10 * MINUTE);
    clock.advance(DAY);
    expect(keys()).toEqual(['1:warn', '3:breach', '2:breach']);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('DeadlineScheduler: restarts', () => {
  it('a new scheduler on the same FiredLog never re-emits, and emits what was missed while stopped, late and once', () => {
    const clock = createTestClock();
    const fired = new MemoryFiredLog();
    const all = [
      ev('1', 'warn', T0 + 10 * MINUTE),
      ev('1', 'breach', T0 + 20 * MINUTE),
      ev('2', 'warn', T0 + 30 * MINUTE),
    ];

    const first = setup({ clock, fired });
    first.scheduler.replaceAll(all);
    first.scheduler.start();
    clock.advance(15 * MINUTE);
    first.scheduler.stop(); // the app quits
    expect(first.keys()).toEqual(['1:warn']);

    clock.advance(20 * MINUTE);
    const second = setup({ clock, fired });
    second.scheduler.replaceAll(all);
    second.scheduler.start();
    expect(second.batches).toEqual([{ now: T0 + 35 * MINUTE, keys: ['1:breach', '2:warn'] }]);

    const third = setup({ clock, fired });
    third.scheduler.replaceAll(all);
    third.scheduler.start();
    clock.advance(DAY);
    expect(third.batches).toEqual([]);
    expect(third.scheduler.size()).toBe(0);
    expect(first.keys()).toEqual(['1:warn']);
    expect(second.keys()).toEqual(['1:breach', '2:warn']);
  });
});

describe('DeadlineScheduler: clock jumps and sleep', () => {
  it('a forward jump of 3 days fires each overdue event once, in order, and later ones on time', () => {
    const { clock, scheduler, batches, keys } = setup();
    scheduler.setGroup('2', [ev('2', 'warn', T0 + DAY), ev('2', 'breach', T0 + 2 * DAY)]);
    scheduler.setGroup('1', [ev('1', 'warn', T0 + HOUR), ev('1', 'breach', T0 + 4 * DAY)]);
    scheduler.start();
    clock.jumpTo(T0 + 3 * DAY);
    expect(batches).toEqual([{ now: T0 + 3 * DAY, keys: ['1:warn', '2:warn', '2:breach'] }]);
    scheduler.checkNow(); // the resume/time-change handler runs after the timer already did
    clock.advance(0);
    expect(batches).toHaveLength(1);
    clock.advance(DAY - 1);
    expect(batches).toHaveLength(1);
    clock.advance(1);
    expect(batches[1]).toEqual({ now: T0 + 4 * DAY, keys: ['1:breach'] });
    expect(keys()).toEqual(['1:warn', '2:warn', '2:breach', '1:breach']);
  });

  it('a backward jump fires nothing early and still fires at the right time', () => {
    for (const handleTimeChange of [true, false]) {
      const { clock, scheduler, batches } = setup();
      scheduler.setGroup('1', [ev('1', 'breach', T0 + HOUR)]);
      scheduler.start();
      clock.advance(30 * MINUTE);
      clock.jumpTo(T0 - DAY);
      if (handleTimeChange) scheduler.checkNow();
      expect(batches).toEqual([]);
      clock.advance(DAY + HOUR - 1);
      expect(batches).toEqual([]);
      clock.advance(1);
      expect(batches).toEqual([{ now: T0 + HOUR, keys: ['1:breach'] }]);
    }
  });

  it.each([
    ['suspend (timers frozen)', (clock: TestClock) => clock.suspend(HOUR)],
    ['sleepTo (timers left overdue)', (clock: TestClock) => clock.sleepTo(T0 + HOUR)],
  ])('checkNow after a sleep, %s, fires what is overdue, once', (_name, sleep) => {
    const { clock, scheduler, batches } = setup();
    scheduler.setGroup('1', [ev('1', 'warn', T0 + 10 * MINUTE), ev('1', 'breach', T0 + 2 * HOUR)]);
    scheduler.setGroup('2', [ev('2', 'warn', T0 + 20 * MINUTE)]);
    scheduler.start();
    sleep(clock);
    expect(batches).toEqual([]);
    scheduler.checkNow();
    expect(batches).toEqual([{ now: T0 + HOUR, keys: ['1:warn', '2:warn'] }]);
    expect(clock.pendingTimers()).toBe(1);
    scheduler.checkNow();
    clock.advance(HOUR - 1);
    expect(batches).toHaveLength(1);
    clock.advance(1);
    expect(batches[1]).toEqual({ now: T0 + 2 * HOUR, keys: ['1:breach'] });
  });

  it('notices a missed resume within maxSleepMs', () => {
    const { clock, scheduler, batches } = setup();
    scheduler.setGroup('1', [ev('1', 'breach', T0 + 10 * MINUTE)]);
    scheduler.start();
    clock.suspend(HOUR);
    clock.advance(DEFAULT_MAX_SLEEP_MS - 1);
    expect(batches).toEqual([]);
    clock.advance(1);
    expect(batches).toEqual([{ now: T0 + HOUR + DEFAULT_MAX_SLEEP_MS, keys: ['1:breach'] }]);
  });

  it('fires an event 30 days out on time, waking every maxSleepMs with no work per wake-up', () => {
    const { clock, fired, scheduler, batches } = setup();
    const tickets = 500;
    for (let group = 1; group <= tickets; group++) {
      scheduler.setGroup(String(group), [ev(String(group), 'breach', T0 + 30 * DAY + group)]);
    }
    scheduler.start();
    const armedBefore = clock.timersArmed();
    const lookupsBefore = fired.lookups;
    clock.advance(30 * DAY - 1);
    expect(batches).toEqual([]);
    const wakeUps = clock.timersArmed() - armedBefore;
    expect(wakeUps).toBeGreaterThanOrEqual((30 * DAY) / DEFAULT_MAX_SLEEP_MS - 1);
    expect(wakeUps).toBeLessThanOrEqual((30 * DAY) / DEFAULT_MAX_SLEEP_MS + 1);
    expect(fired.lookups).toBe(lookupsBefore); // 43,200 wake-ups, not one look at a ticket
    clock.advance(1 + tickets);
    expect(batches).toHaveLength(tickets);
    expect(batches[0]).toEqual({ now: T0 + 30 * DAY + 1, keys: ['1:breach'] });
    expect(batches.at(-1)).toEqual({ now: T0 + 30 * DAY + tickets, keys: [`${tickets}:breach`] });
    expect(fired.lookups - lookupsBefore).toBe(tickets);
  });
});

describe('DeadlineScheduler: inside and around onDue', () => {
  it('setGroup, removeGroup and checkNow are safe from inside onDue', () => {
    const clock = createTestClock();
    const seen: Batch[] = [];
    const timersDuringOnDue: number[] = [];
    let depth = 0;
    let maxDepth = 0;
    const { scheduler } = setup({
      clock,
      onDue: (events) => {
        depth++;
        maxDepth = Math.max(maxDepth, depth);
        const now = clock.now();
        seen.push({ now, keys: events.map((event) => event.key) });
        for (const event of events) {
          if (event.key === '1:breach') {
            scheduler.setGroup('1', [ev('1', 'escalate', now + 5 * MINUTE)]);
            scheduler.setGroup('2', [ev('2', 'follow-up', now - 1)]);
            scheduler.removeGroup('3');
            scheduler.checkNow();
          }
        }
        timersDuringOnDue.push(clock.pendingTimers());
        depth--;
      },
    });
    scheduler.setGroup('1', [ev('1', 'breach', T0 + HOUR)]);
    scheduler.setGroup('3', [ev('3', 'warn', T0 + 2 * HOUR)]);
    scheduler.start();
    clock.advance(HOUR);
    expect(seen).toEqual([
      { now: T0 + HOUR, keys: ['1:breach'] },
      { now: T0 + HOUR, keys: ['2:follow-up'] },
    ]);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(DAY);
    expect(seen.map((batch) => batch.keys)).toEqual([['1:breach'], ['2:follow-up'], ['1:escalate']]);
    expect(seen[2]?.now).toBe(T0 + HOUR + 5 * MINUTE);
    expect(maxDepth).toBe(1); // checkNow inside onDue does not re-enter it
    expect(timersDuringOnDue).toEqual([0, 0, 0]); // re-armed once, after onDue returns
  });

  it('replaceAll from inside onDue does not bring back the batch being delivered', () => {
    const clock = createTestClock();
    const all = [ev('1', 'warn', T0 + MINUTE), ev('1', 'breach', T0 + HOUR)];
    const seen: string[][] = [];
    const { scheduler } = setup({
      clock,
      onDue: (events) => {
        seen.push(events.map((event) => event.key));
        scheduler.replaceAll(all);
      },
    });
    scheduler.replaceAll(all);
    scheduler.start();
    clock.advance(DAY);
    expect(seen).toEqual([['1:warn'], ['1:breach']]);
  });

  it('stop from inside onDue leaves no timer armed', () => {
    const clock = createTestClock();
    const { scheduler } = setup({ clock, onDue: () => scheduler.stop() });
    scheduler.setGroup('1', [ev('1', 'warn', T0 + MINUTE), ev('1', 'breach', T0 + HOUR)]);
    scheduler.start();
    clock.advance(MINUTE);
    expect(clock.pendingTimers()).toBe(0);
    expect(scheduler.size()).toBe(1);
  });

  it('a throwing onDue is rethrown, the timer re-armed, and the batch never re-emitted', () => {
    const clock = createTestClock();
    const seen: string[][] = [];
    const { fired, scheduler } = setup({
      clock,
      onDue: (events) => {
        seen.push(events.map((event) => event.key));
        if (seen.length === 1) throw new Error('boom');
      },
    });
    scheduler.setGroup('1', [ev('1', 'warn', T0 + 10 * MINUTE), ev('1', 'breach', T0 + 20 * MINUTE)]);
    scheduler.start();
    expect(() => clock.advance(10 * MINUTE)).toThrow('boom');
    expect(clock.pendingTimers()).toBe(1);
    expect(fired.firedAt.has('1:warn')).toBe(true); // recorded first: at most once
    scheduler.checkNow();
    clock.advance(DAY);
    expect(seen).toEqual([['1:warn'], ['1:breach']]);
  });

  it('a throwing onDue is reported to onError, and start still arms for the rest', () => {
    const clock = createTestClock();
    const errors: unknown[] = [];
    const seen: string[][] = [];
    const { scheduler } = setup({
      clock,
      onError: (error) => errors.push(error),
      onDue: (events) => {
        seen.push(events.map((event) => event.key));
        throw new Error(`boom ${seen.length}`);
      },
    });
    scheduler.setGroup('1', [ev('1', 'warn', T0 - MINUTE), ev('1', 'breach', T0 + MINUTE)]);
    scheduler.start();
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(DAY);
    expect(seen).toEqual([['1:warn'], ['1:breach']]);
    expect(errors.map((error) => (error as Error).message)).toEqual(['boom 1', 'boom 2']);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('DeadlineScheduler: random operations against a model', () => {
  type Op =
    | { kind: 'set'; group: string; events: Array<{ name: string; offset: number }> }
    | { kind: 'remove'; group: string }
    | { kind: 'replaceAll'; events: Array<{ group: string; name: string; offset: number }> }
    | { kind: 'advance' | 'suspend' | 'sleep'; ms: number }
    | { kind: 'jump'; offset: number }
    | { kind: 'check' };

  const group = fc.integer({ min: 1, max: 4 }).map(String);
  const name = fc.constantFrom('warn', 'breach', 'escalate');
  const offset = fc.integer({ min: -2 * HOUR, max: 6 * HOUR });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('set' as const),
      group,
      events: fc.array(fc.record({ name, offset }), { maxLength: 4 }),
    }),
    fc.record({ kind: fc.constant('remove' as const), group }),
    fc.record({
      kind: fc.constant('replaceAll' as const),
      events: fc.array(fc.record({ group, name, offset }), { maxLength: 8 }),
    }),
    fc.record({
      kind: fc.constantFrom('advance' as const, 'suspend' as const, 'sleep' as const),
      ms: fc.integer({ min: 0, max: 3 * HOUR }),
    }),
    fc.record({ kind: fc.constant('jump' as const), offset: fc.integer({ min: -DAY, max: DAY }) }),
    fc.record({ kind: fc.constant('check' as const) }),
  );
  const maxSleepMs = 10 * MINUTE;

  it('fires every event once, never early, in order, with at most one timer', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const clock = createTestClock();
        const fired = new MemoryFiredLog();
        const pending = new Map<string, ScheduledEvent>();
        const delivered = new Set<string>();
        const scheduler = new DeadlineScheduler<ScheduledEvent>({
          clock,
          fired,
          maxSleepMs,
          onDue: (events) => {
            const ats = events.map((event) => event.at);
            expect(ats).toEqual([...ats].sort((a, b) => a - b));
            for (const event of events) {
              expect(event.at).toBeLessThanOrEqual(clock.now());
              expect(pending.get(event.key)).toEqual(event);
              expect(delivered.has(event.key)).toBe(false);
              pending.delete(event.key);
              delivered.add(event.key);
            }
          },
        });
        const model = (events: ScheduledEvent[]) => {
          for (const event of events) if (!delivered.has(event.key)) pending.set(event.key, event);
        };
        scheduler.start();

        for (const o of ops) {
          const now = clock.now();
          if (o.kind === 'set') {
            const events = o.events.map((e) => ev(o.group, e.name, now + e.offset));
            for (const [key, event] of pending) if (event.group === o.group) pending.delete(key);
            model(events);
            scheduler.setGroup(o.group, events);
          } else if (o.kind === 'remove') {
            for (const [key, event] of pending) if (event.group === o.group) pending.delete(key);
            scheduler.removeGroup(o.group);
          } else if (o.kind === 'replaceAll') {
            const events = o.events.map((e) => ev(e.group, e.name, now + e.offset));
            pending.clear();
            model(events);
            scheduler.replaceAll(events);
          } else if (o.kind === 'advance') {
            clock.advance(o.ms);
          } else if (o.kind === 'suspend') {
            clock.suspend(o.ms);
          } else if (o.kind === 'sleep') {
            clock.sleepTo(now + o.ms);
          } else if (o.kind === 'jump') {
            clock.jumpTo(now + o.offset);
          } else {
            scheduler.checkNow();
          }

          expect(scheduler.size()).toBe(pending.size);
          const ats = [...pending.values()].map((event) => event.at);
          expect(scheduler.nextAt()).toBe(ats.length === 0 ? null : Math.min(...ats));
          expect(clock.pendingTimers()).toBe(pending.size === 0 ? 0 : 1);
          if (o.kind === 'check') expect(ats.every((at) => at > clock.now())).toBe(true);
        }

        const last = Math.max(clock.now(), ...[...pending.values()].map((event) => event.at));
        const expected = new Set([...delivered, ...pending.keys()]);
        scheduler.checkNow();
        clock.jumpTo(last);
        expect(pending.size).toBe(0);
        expect(delivered).toEqual(expected);
        expect(new Set(fired.firedAt.keys())).toEqual(delivered);
      }),
      { numRuns: 300 },
    );
  });
});
