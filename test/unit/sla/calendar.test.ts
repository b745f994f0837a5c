// Business-calendar semantics: openings and closings, boundaries, zero budgets, several intervals a
// day, '24:00', holidays and overrides, pauses, precision and long horizons.
import { describe, expect, it } from 'vitest';
import { createCalendar, workingDaySeconds } from '../../../src/sla/calendar';
import { ALL_DAYS, HOUR, WEEKDAYS, allDay, at, dutchOffice, iso, officeHours, week } from './helpers';

describe('office hours (Mon–Fri 09:00–17:00, Europe/Amsterdam)', () => {
  const cal = createCalendar(officeHours('Europe/Amsterdam'));

  it('adds within the same day', () => {
    expect(cal.addWorkingTime(at('2026-06-10T10:00:00+02:00'), 2 * HOUR).toISOString()).toBe(
      iso('2026-06-10T12:00:00+02:00'),
    );
  });

  it('starts the clock at the opening when started before it', () => {
    expect(cal.addWorkingTime(at('2026-06-10T06:30:00+02:00'), HOUR).toISOString()).toBe(
      iso('2026-06-10T10:00:00+02:00'),
    );
  });

  it('starts the next working day when started after closing', () => {
    expect(cal.addWorkingTime(at('2026-06-10T19:00:00+02:00'), HOUR).toISOString()).toBe(
      iso('2026-06-11T10:00:00+02:00'),
    );
  });

  it('starts on Monday when started on a weekend', () => {
    expect(cal.addWorkingTime(at('2026-06-13T11:00:00+02:00'), 30 * 60).toISOString()).toBe(
      iso('2026-06-15T09:30:00+02:00'),
    );
  });

  it('is due AT the closing time when the budget runs out exactly then', () => {
    expect(cal.addWorkingTime(at('2026-06-10T13:00:00+02:00'), 4 * HOUR).toISOString()).toBe(
      iso('2026-06-10T17:00:00+02:00'),
    );
    expect(cal.addWorkingTime(at('2026-06-12T09:00:00+02:00'), 8 * HOUR).toISOString()).toBe(
      iso('2026-06-12T17:00:00+02:00'),
    );
    expect(cal.addWorkingTime(at('2026-06-10T13:00:00+02:00'), 4 * HOUR + 0.001).toISOString()).toBe(
      iso('2026-06-11T09:00:00.001+02:00'),
    );
  });

  it('returns the start itself for a zero budget inside working time, else the next opening', () => {
    expect(cal.addWorkingTime(at('2026-06-10T12:34:56.789+02:00'), 0).toISOString()).toBe(
      iso('2026-06-10T12:34:56.789+02:00'),
    );
    expect(cal.addWorkingTime(at('2026-06-10T09:00:00+02:00'), 0).toISOString()).toBe(
      iso('2026-06-10T09:00:00+02:00'),
    );
    expect(cal.addWorkingTime(at('2026-06-10T17:00:00+02:00'), 0).toISOString()).toBe(
      iso('2026-06-11T09:00:00+02:00'),
    );
    expect(cal.addWorkingTime(at('2026-06-13T12:00:00+02:00'), 0).toISOString()).toBe(
      iso('2026-06-15T09:00:00+02:00'),
    );
  });

  it('measures working time between two instants', () => {
    expect(cal.workingTimeBetween(at('2026-06-10T08:00:00+02:00'), at('2026-06-10T18:00:00+02:00'))).toBe(
      8 * HOUR,
    );
    expect(cal.workingTimeBetween(at('2026-06-12T16:00:00+02:00'), at('2026-06-15T10:00:00+02:00'))).toBe(
      2 * HOUR,
    );
    expect(cal.workingTimeBetween(at('2026-06-13T00:00:00+02:00'), at('2026-06-14T23:59:00+02:00'))).toBe(0);
    expect(cal.workingTimeBetween(at('2026-06-01T00:00:00+02:00'), at('2026-06-29T00:00:00+02:00'))).toBe(
      20 * 8 * HOUR,
    );
  });

  it('returns 0 when end is at or before start', () => {
    expect(cal.workingTimeBetween(at('2026-06-10T12:00:00+02:00'), at('2026-06-10T12:00:00+02:00'))).toBe(0);
    expect(cal.workingTimeBetween(at('2026-06-10T15:00:00+02:00'), at('2026-06-10T12:00:00+02:00'))).toBe(0);
  });

  it('keeps millisecond precision and fractional seconds', () => {
    expect(cal.addWorkingTime(at('2026-06-10T10:00:00.250+02:00'), 1.5).toISOString()).toBe(
      iso('2026-06-10T10:00:01.750+02:00'),
    );
    expect(
      cal.workingTimeBetween(at('2026-06-10T10:00:00.250+02:00'), at('2026-06-10T10:00:01.251+02:00')),
    ).toBe(1.001);
    expect(cal.addWorkingTime(at('2026-06-10T16:59:59.999+02:00'), 0.002).toISOString()).toBe(
      iso('2026-06-11T09:00:00.001+02:00'),
    );
  });

  it('rejects negative, non-finite and non-number budgets, and invalid dates', () => {
    const start = at('2026-06-10T10:00:00+02:00');
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '60' as unknown as number]) {
      expect(() => cal.addWorkingTime(start, bad)).toThrow(
        /working time to add must be a finite number of seconds ≥ 0/,
      );
    }
    expect(() => cal.addWorkingTime(new Date(Number.NaN), 60)).toThrow('Calendar: start is not a valid Date');
    expect(() => cal.workingTimeBetween(start, new Date('nope'))).toThrow(
      'Calendar: end is not a valid Date',
    );
  });
});

describe('several intervals a day and 24:00', () => {
  const lunch = createCalendar({
    timeZone: 'Europe/Amsterdam',
    week: week(WEEKDAYS, [
      ['13:00', '17:30'],
      ['08:30', '12:00'],
    ]),
  });

  it('skips the lunch break and is due at the break when the budget ends there', () => {
    expect(lunch.addWorkingTime(at('2026-06-10T11:00:00+02:00'), HOUR).toISOString()).toBe(
      iso('2026-06-10T12:00:00+02:00'),
    );
    expect(lunch.addWorkingTime(at('2026-06-10T11:00:00+02:00'), HOUR + 1).toISOString()).toBe(
      iso('2026-06-10T13:00:01+02:00'),
    );
    expect(lunch.addWorkingTime(at('2026-06-10T12:30:00+02:00'), 0).toISOString()).toBe(
      iso('2026-06-10T13:00:00+02:00'),
    );
    expect(lunch.workingTimeBetween(at('2026-06-10T00:00:00+02:00'), at('2026-06-11T00:00:00+02:00'))).toBe(
      8 * HOUR,
    );
  });

  it("treats '24:00' as the end of the day, contiguous with a 00:00 start", () => {
    const nights = createCalendar({
      timeZone: 'Europe/Amsterdam',
      week: { fri: [['18:00', '24:00']], sat: [['00:00', '06:00']] },
    });
    expect(nights.addWorkingTime(at('2026-06-12T23:00:00+02:00'), 2 * HOUR).toISOString()).toBe(
      iso('2026-06-13T01:00:00+02:00'),
    );
    expect(nights.addWorkingTime(at('2026-06-12T18:00:00+02:00'), 6 * HOUR).toISOString()).toBe(
      iso('2026-06-13T00:00:00+02:00'),
    );
    expect(nights.workingTimeBetween(at('2026-06-12T00:00:00+02:00'), at('2026-06-14T00:00:00+02:00'))).toBe(
      12 * HOUR,
    );
  });

  it('handles leap day 2028-02-29 (a Tuesday)', () => {
    const cal = createCalendar(officeHours('Europe/Amsterdam', { holidays: ['2028-03-01'] }));
    expect(cal.addWorkingTime(at('2028-02-28T16:00:00+01:00'), 2 * HOUR).toISOString()).toBe(
      iso('2028-02-29T10:00:00+01:00'),
    );
    expect(cal.addWorkingTime(at('2028-02-29T16:00:00+01:00'), 2 * HOUR).toISOString()).toBe(
      iso('2028-03-02T10:00:00+01:00'),
    );
    expect(cal.workingTimeBetween(at('2028-02-01T00:00:00+01:00'), at('2028-03-01T00:00:00+01:00'))).toBe(
      21 * 8 * HOUR,
    );
    const leapHoliday = createCalendar(officeHours('Europe/Amsterdam', { holidays: ['2028-02-29'] }));
    expect(leapHoliday.addWorkingTime(at('2028-02-28T16:00:00+01:00'), 2 * HOUR).toISOString()).toBe(
      iso('2028-03-01T10:00:00+01:00'),
    );
  });
});

describe('Dutch holidays (holidayRegion NL)', () => {
  const cal = createCalendar(dutchOffice());
  const sixDays = createCalendar({
    timeZone: 'Europe/Amsterdam',
    week: week([...WEEKDAYS, 'sat'], [['09:00', '17:00']]),
    holidayRegion: 'NL',
  });

  it('moves Koningsdag 2025 to Saturday 26 April (27 April is a Sunday)', () => {
    expect(sixDays.addWorkingTime(at('2025-04-25T16:00:00+02:00'), 2 * HOUR).toISOString()).toBe(
      iso('2025-04-28T10:00:00+02:00'),
    );
    expect(sixDays.workingTimeBetween(at('2025-04-26T00:00:00+02:00'), at('2025-04-28T00:00:00+02:00'))).toBe(
      0,
    );
    // 2026: Koningsdag is Monday 27 April; Saturday 25 April is an ordinary working day.
    expect(sixDays.workingTimeBetween(at('2026-04-25T00:00:00+02:00'), at('2026-04-26T00:00:00+02:00'))).toBe(
      8 * HOUR,
    );
    expect(cal.addWorkingTime(at('2026-04-24T16:00:00+02:00'), 2 * HOUR).toISOString()).toBe(
      iso('2026-04-28T10:00:00+02:00'),
    );
  });

  it('skips Christmas and Easter Monday', () => {
    // Thu 24 Dec 2026 16:00 + 2 h: Christmas Fri 25, Boxing Day Sat 26, Sunday → Monday 28 Dec.
    expect(cal.addWorkingTime(at('2026-12-24T16:00:00+01:00'), 2 * HOUR).toISOString()).toBe(
      iso('2026-12-28T10:00:00+01:00'),
    );
    // Starting on Christmas day itself.
    expect(cal.addWorkingTime(at('2025-12-25T10:00:00+01:00'), HOUR).toISOString()).toBe(
      iso('2025-12-29T10:00:00+01:00'),
    );
    // Easter Monday 2026 is 6 April.
    expect(cal.addWorkingTime(at('2026-04-03T16:00:00+02:00'), 2 * HOUR).toISOString()).toBe(
      iso('2026-04-07T10:00:00+02:00'),
    );
    expect(cal.workingTimeBetween(at('2026-04-06T00:00:00+02:00'), at('2026-04-07T00:00:00+02:00'))).toBe(0);
  });

  it('counts Goede Vrijdag as a working day by default, a day off when chosen', () => {
    const goodFriday2026 = [at('2026-04-03T00:00:00+02:00'), at('2026-04-04T00:00:00+02:00')] as const;
    expect(cal.workingTimeBetween(...goodFriday2026)).toBe(8 * HOUR);
    const off = createCalendar(dutchOffice({ dutchHolidays: { goodFriday: true } }));
    expect(off.workingTimeBetween(...goodFriday2026)).toBe(0);
  });

  it('makes Bevrijdingsdag a day off in lustrum years by default, yearly or never when chosen', () => {
    const may5 = (year: number) =>
      [at(`${year}-05-05T00:00:00+02:00`), at(`${year}-05-06T00:00:00+02:00`)] as const;
    expect(cal.workingTimeBetween(...may5(2025))).toBe(0); // Monday, lustrum
    expect(cal.workingTimeBetween(...may5(2026))).toBe(8 * HOUR); // Tuesday
    const allWeek = createCalendar({ ...allDay('Europe/Amsterdam'), holidayRegion: 'NL' });
    expect(allWeek.workingTimeBetween(...may5(2030))).toBe(0); // a Sunday, still a lustrum holiday
    expect(allWeek.workingTimeBetween(...may5(2031))).toBe(24 * HOUR);
    const yearly = createCalendar(dutchOffice({ dutchHolidays: { liberationDay: 'yearly' } }));
    expect(yearly.workingTimeBetween(...may5(2026))).toBe(0);
    const never = createCalendar(dutchOffice({ dutchHolidays: { liberationDay: 'never' } }));
    expect(never.workingTimeBetween(...may5(2025))).toBe(8 * HOUR);
  });

  it('counts only public holidays by default; other types on request', () => {
    // Oudejaarsdag (31 Dec, type "bank") is a working day unless asked for.
    const dec31 = [at('2026-12-31T00:00:00+01:00'), at('2027-01-01T00:00:00+01:00')] as const;
    expect(cal.workingTimeBetween(...dec31)).toBe(8 * HOUR);
    const bank = createCalendar(dutchOffice({ holidayTypes: ['public', 'bank'] }));
    expect(bank.workingTimeBetween(...dec31)).toBe(0);
  });

  it('counts a full working year 2025 as 254 days of 8 hours', () => {
    expect(cal.workingTimeBetween(at('2025-01-01T00:00:00+01:00'), at('2026-01-01T00:00:00+01:00'))).toBe(
      254 * 8 * HOUR,
    );
  });

  it('supports regions below a country (DE-BY)', () => {
    const bavaria = createCalendar(officeHours('Europe/Berlin', { holidayRegion: 'DE-BY' }));
    // Heilige Drei Könige, 6 January, is a public holiday in Bavaria.
    expect(bavaria.workingTimeBetween(at('2026-01-06T00:00:00+01:00'), at('2026-01-07T00:00:00+01:00'))).toBe(
      0,
    );
  });
});

describe('holidays and date overrides', () => {
  const cal = createCalendar(
    dutchOffice({
      holidays: ['2026-07-01'],
      dateOverrides: {
        '2026-12-24': [['09:00', '13:00']],
        '2026-12-31': [['09:00', '13:00']],
        '2026-07-02': [],
        '2026-07-04': [['10:00', '12:00']],
        '2026-04-27': [['09:00', '12:00']],
      },
    }),
  );

  it('closes an own holiday and a [] override', () => {
    expect(cal.addWorkingTime(at('2026-06-30T16:00:00+02:00'), 2 * HOUR).toISOString()).toBe(
      iso('2026-07-03T10:00:00+02:00'),
    );
  });

  it('uses the half day on 24 December (09:00–13:00)', () => {
    expect(cal.addWorkingTime(at('2026-12-24T12:00:00+01:00'), HOUR).toISOString()).toBe(
      iso('2026-12-24T13:00:00+01:00'),
    );
    expect(cal.addWorkingTime(at('2026-12-24T08:00:00+01:00'), 5 * HOUR).toISOString()).toBe(
      iso('2026-12-28T10:00:00+01:00'),
    );
    expect(cal.addWorkingTime(at('2026-12-24T14:00:00+01:00'), 0).toISOString()).toBe(
      iso('2026-12-28T09:00:00+01:00'),
    );
    expect(cal.workingTimeBetween(at('2026-12-24T00:00:00+01:00'), at('2027-01-01T00:00:00+01:00'))).toBe(
      (4 + 8 + 8 + 8 + 4) * HOUR,
    );
  });

  it('opens a Saturday, and beats a region holiday (Koningsdag 2026 morning)', () => {
    expect(cal.workingTimeBetween(at('2026-07-04T00:00:00+02:00'), at('2026-07-05T00:00:00+02:00'))).toBe(
      2 * HOUR,
    );
    expect(cal.workingTimeBetween(at('2026-04-27T00:00:00+02:00'), at('2026-04-28T00:00:00+02:00'))).toBe(
      3 * HOUR,
    );
  });
});

describe('pauses', () => {
  const cal = createCalendar(officeHours('Europe/Amsterdam'));
  const p = (from: string, to: string) => [at(from), at(to)] as const;

  it('stops the clock across days', () => {
    const pauses = [p('2026-06-12T15:00:00+02:00', '2026-06-16T10:00:00+02:00')];
    expect(cal.addWorkingTime(at('2026-06-12T10:00:00+02:00'), 8 * HOUR, pauses).toISOString()).toBe(
      iso('2026-06-16T13:00:00+02:00'),
    );
    expect(
      cal.workingTimeBetween(at('2026-06-12T10:00:00+02:00'), at('2026-06-16T13:00:00+02:00'), pauses),
    ).toBe(8 * HOUR);
  });

  it('accepts overlapping, unsorted, empty and reversed pauses', () => {
    const pauses = [
      p('2026-06-10T13:00:00+02:00', '2026-06-10T14:00:00+02:00'),
      p('2026-06-10T10:00:00+02:00', '2026-06-10T11:00:00+02:00'),
      p('2026-06-10T10:30:00+02:00', '2026-06-10T12:00:00+02:00'),
      p('2026-06-10T15:00:00+02:00', '2026-06-10T15:00:00+02:00'),
      p('2026-06-10T16:00:00+02:00', '2026-06-10T15:30:00+02:00'),
    ];
    // Paused 10:00–12:00 and 13:00–14:00: 09:00–10:00, 12:00–13:00, 14:00–15:00 = 3 h.
    expect(cal.addWorkingTime(at('2026-06-10T09:00:00+02:00'), 3 * HOUR, pauses).toISOString()).toBe(
      iso('2026-06-10T15:00:00+02:00'),
    );
    expect(
      cal.workingTimeBetween(at('2026-06-10T00:00:00+02:00'), at('2026-06-11T00:00:00+02:00'), pauses),
    ).toBe(5 * HOUR);
  });

  it('handles a pause that began before the start (ticket created while waiting)', () => {
    const pauses = [p('2026-06-09T12:00:00+02:00', '2026-06-10T11:00:00+02:00')];
    expect(cal.addWorkingTime(at('2026-06-10T09:00:00+02:00'), HOUR, pauses).toISOString()).toBe(
      iso('2026-06-10T12:00:00+02:00'),
    );
    expect(
      cal.workingTimeBetween(at('2026-06-10T09:00:00+02:00'), at('2026-06-10T12:00:00+02:00'), pauses),
    ).toBe(HOUR);
  });

  it('is due when the pause starts if the budget runs out exactly then', () => {
    const pauses = [p('2026-06-10T11:00:00+02:00', '2026-06-10T15:00:00+02:00')];
    expect(cal.addWorkingTime(at('2026-06-10T09:00:00+02:00'), 2 * HOUR, pauses).toISOString()).toBe(
      iso('2026-06-10T11:00:00+02:00'),
    );
    expect(cal.addWorkingTime(at('2026-06-10T09:00:00+02:00'), 2 * HOUR + 1, pauses).toISOString()).toBe(
      iso('2026-06-10T15:00:01+02:00'),
    );
  });

  it('gives the next moment the clock runs for a zero budget', () => {
    const pauses = [
      p('2026-06-10T11:00:00+02:00', '2026-06-10T15:00:00+02:00'),
      p('2026-06-12T08:00:00+02:00', '2026-06-16T09:30:00+02:00'),
    ];
    expect(cal.addWorkingTime(at('2026-06-10T12:00:00+02:00'), 0, pauses).toISOString()).toBe(
      iso('2026-06-10T15:00:00+02:00'),
    );
    expect(cal.addWorkingTime(at('2026-06-10T10:00:00+02:00'), 0, pauses).toISOString()).toBe(
      iso('2026-06-10T10:00:00+02:00'),
    );
    expect(cal.addWorkingTime(at('2026-06-11T18:00:00+02:00'), 0, pauses).toISOString()).toBe(
      iso('2026-06-16T09:30:00+02:00'),
    );
  });

  it('ignores pauses entirely outside the range', () => {
    const pauses = [
      p('2026-05-01T00:00:00+02:00', '2026-05-02T00:00:00+02:00'),
      p('2026-07-01T00:00:00+02:00', '2026-07-02T00:00:00+02:00'),
    ];
    expect(cal.addWorkingTime(at('2026-06-10T09:00:00+02:00'), HOUR, pauses).toISOString()).toBe(
      iso('2026-06-10T10:00:00+02:00'),
    );
    expect(
      cal.workingTimeBetween(at('2026-06-10T09:00:00+02:00'), at('2026-06-10T10:00:00+02:00'), pauses),
    ).toBe(HOUR);
  });

  it('rejects a pause with an invalid date', () => {
    expect(() =>
      cal.workingTimeBetween(at('2026-06-10T09:00:00+02:00'), at('2026-06-10T10:00:00+02:00'), [
        [at('x'), at('2026-06-10T10:00:00Z')],
      ]),
    ).toThrow('Calendar: pauses[0][0] is not a valid Date');
  });
});

describe('long horizons', () => {
  it('adds 5 working years quickly and consistently', () => {
    const cal = createCalendar(dutchOffice());
    const start = at('2026-01-05T09:00:00+01:00');
    const budget = 5 * 365 * 24 * HOUR; // five years of working time, about 22 calendar years of office hours
    const t0 = performance.now();
    const due = cal.addWorkingTime(start, budget);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(cal.workingTimeBetween(start, due)).toBe(budget);
    expect(due.getUTCFullYear()).toBeGreaterThan(2045);
    const allWeek = createCalendar(allDay('Europe/Amsterdam'));
    expect(allWeek.addWorkingTime(start, budget).getTime() - start.getTime()).toBe(budget * 1000);
  });

  it('fails clearly past the range of Date', () => {
    const cal = createCalendar(officeHours('UTC'));
    expect(() => cal.addWorkingTime(at('2026-01-05T09:00:00Z'), 1e13)).toThrow(
      'Calendar: the result lies beyond the range of Date',
    );
  });
});

describe('workingDaySeconds', () => {
  it('is the most common weekday length', () => {
    expect(workingDaySeconds(officeHours('Europe/Amsterdam'))).toBe(8 * HOUR);
    expect(workingDaySeconds(allDay('UTC'))).toBe(24 * HOUR);
    expect(
      workingDaySeconds({
        timeZone: 'UTC',
        week: { ...week(['mon', 'tue', 'wed', 'thu'], [['08:00', '17:00']]), fri: [['08:00', '14:00']] },
      }),
    ).toBe(9 * HOUR);
    expect(
      workingDaySeconds({
        timeZone: 'UTC',
        week: week(WEEKDAYS, [
          ['08:30', '12:00'],
          ['13:00', '17:30'],
        ]),
      }),
    ).toBe(8 * HOUR);
  });

  it('takes the longer day on a tie, and does not depend on holidays or DST', () => {
    expect(
      workingDaySeconds({ timeZone: 'UTC', week: { mon: [['09:00', '17:00']], sat: [['10:00', '12:00']] } }),
    ).toBe(8 * HOUR);
    expect(workingDaySeconds({ ...allDay('Europe/Amsterdam'), holidayRegion: 'NL' })).toBe(24 * HOUR);
    expect(workingDaySeconds({ timeZone: 'UTC', week: week(ALL_DAYS, [['00:00', '24:00']]) })).toBe(86_400);
  });
});
