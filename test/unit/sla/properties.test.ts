// Properties of the calendar arithmetic, checked with fast-check on several calendars and zones:
// addWorkingTime and workingTimeBetween are inverse to the millisecond, both are monotonic,
// workingTimeBetween is additive, pauses behave as removed time, and a minute-by-minute luxon
// oracle agrees across DST changes.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/sla/calendar';
import type { CalendarSpec } from '../../../src/sla/calendar';
import { ALL_DAYS, WEEKDAYS, allDay, dutchOffice, week } from './helpers';

const SPECS: Record<string, CalendarSpec> = {
  'NL office': dutchOffice({
    dateOverrides: { '2026-12-24': [['09:00', '13:00']], '2027-12-24': [['09:00', '13:00']] },
  }),
  'New York lunch break': {
    timeZone: 'America/New_York',
    week: week(WEEKDAYS, [
      ['08:30', '12:00'],
      ['13:00', '17:30'],
    ]),
  },
  'Sydney 24/7': allDay('Australia/Sydney'),
  'Amsterdam nights': {
    timeZone: 'Europe/Amsterdam',
    week: week(ALL_DAYS, [
      ['00:00', '06:00'],
      ['22:00', '24:00'],
    ]),
  },
};

// 2025-01-01 … 2028-12-31, covering every DST change of those years.
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 11, 31);
const instant = fc.integer({ min: FROM, max: TO });
const MAX_BUDGET_MS = 30 * 24 * 3_600_000;
const budgetMs = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 60_000 }),
  fc.integer({ min: 0, max: MAX_BUDGET_MS }),
);
const pauseList = fc.array(
  fc
    .tuple(instant, fc.integer({ min: 0, max: 10 * 24 * 3_600_000 }))
    .map(([from, length]) => [new Date(from), new Date(from + length)] as const),
  { maxLength: 5 },
);

const ms = (seconds: number) => Math.round(seconds * 1000);

describe.each(Object.entries(SPECS))('%s', (_name, spec) => {
  const cal = createCalendar(spec);

  it('workingTimeBetween(s, addWorkingTime(s, d)) === d to the millisecond', () => {
    fc.assert(
      fc.property(instant, budgetMs, (start, budget) => {
        const due = cal.addWorkingTime(new Date(start), budget / 1000);
        expect(ms(cal.workingTimeBetween(new Date(start), due))).toBe(budget);
      }),
      { numRuns: 300 },
    );
  });

  it('is due at the first instant the budget is used up', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: MAX_BUDGET_MS }), (start, budget) => {
        const due = cal.addWorkingTime(new Date(start), budget / 1000);
        expect(ms(cal.workingTimeBetween(new Date(start), new Date(due.getTime() - 1)))).toBe(budget - 1);
      }),
      { numRuns: 200 },
    );
  });

  it('addWorkingTime is monotonic in the budget and in the start', () => {
    fc.assert(
      fc.property(
        instant,
        budgetMs,
        budgetMs,
        fc.integer({ min: 0, max: 5 * 86_400_000 }),
        (start, a, b, shift) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const s = new Date(start);
          expect(cal.addWorkingTime(s, low / 1000).getTime()).toBeLessThanOrEqual(
            cal.addWorkingTime(s, high / 1000).getTime(),
          );
          expect(cal.addWorkingTime(s, low / 1000).getTime()).toBeLessThanOrEqual(
            cal.addWorkingTime(new Date(start + shift), low / 1000).getTime(),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('workingTimeBetween is monotonic in the end and additive', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 3, maxLength: 3 }), (points) => {
        const [a, b, c] = points.sort((x, y) => x - y).map((p) => new Date(p)) as [Date, Date, Date];
        const ab = ms(cal.workingTimeBetween(a, b));
        const bc = ms(cal.workingTimeBetween(b, c));
        const ac = ms(cal.workingTimeBetween(a, c));
        expect(ab).toBeLessThanOrEqual(ac);
        expect(ac).toBe(ab + bc);
        expect(cal.workingTimeBetween(c, a)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('with pauses: the inverse holds and pauses remove exactly their working time', () => {
    fc.assert(
      fc.property(instant, budgetMs, pauseList, (start, budget, pauses) => {
        const s = new Date(start);
        const due = cal.addWorkingTime(s, budget / 1000, pauses);
        expect(ms(cal.workingTimeBetween(s, due, pauses))).toBe(budget);
        expect(due.getTime()).toBeGreaterThanOrEqual(cal.addWorkingTime(s, budget / 1000).getTime());
        // Within the pauses' union, nothing counts: paused time = total − with pauses.
        const paused = pauses.reduce((sum, [from, to]) => sum + ms(cal.workingTimeBetween(from, to)), 0);
        expect(ms(cal.workingTimeBetween(s, due)) - budget).toBeLessThanOrEqual(paused);
      }),
      { numRuns: 200 },
    );
  });
});

/** Working minutes by sampling every minute's local wall time with luxon: an independent oracle. */
function oracleMinutes(spec: CalendarSpec, from: number, to: number): number {
  let minutes = 0;
  for (let t = from; t < to; t += 60_000) {
    const local = DateTime.fromMillis(t, { zone: spec.timeZone });
    const day = ALL_DAYS[local.weekday - 1]!;
    const minute = local.hour * 60 + local.minute;
    const hours = spec.week[day] ?? [];
    if (hours.some(([a, b]) => minute >= toMinutes(a) && minute < toMinutes(b))) minutes++;
  }
  return minutes;
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

describe('agrees with a minute-by-minute luxon oracle around DST changes', () => {
  // Calendars whose boundaries never fall inside a repeated hour, so wall-clock membership is exact.
  const specs = [SPECS['New York lunch break']!, SPECS['Sydney 24/7']!, SPECS['Amsterdam nights']!];
  const changes = [
    '2026-03-08T07:00:00Z',
    '2026-11-01T06:00:00Z',
    '2026-04-04T16:00:00Z',
    '2026-10-03T16:00:00Z',
    '2026-03-29T01:00:00Z',
    '2026-10-25T01:00:00Z',
  ].map((text) => Date.parse(text));
  it.each(specs.map((spec) => [spec.timeZone, spec] as const))('%s', (_zone, spec) => {
    const cal = createCalendar(spec);
    fc.assert(
      fc.property(
        fc.constantFrom(...changes),
        fc.integer({ min: -3 * 1440, max: 1440 }),
        fc.integer({ min: 0, max: 4 * 1440 }),
        (change, offset, length) => {
          const from = change + offset * 60_000;
          const to = from + length * 60_000;
          expect(cal.workingTimeBetween(new Date(from), new Date(to)) / 60).toBe(
            oracleMinutes(spec, from, to),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
