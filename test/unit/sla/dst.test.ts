// Daylight saving time: working time is real elapsed time, vanished hours count nothing, repeated
// hours count twice when an interval spans them; boundaries follow docs/time-rules.md. Europe/Amsterdam,
// America/New_York and Australia/Sydney (southern hemisphere), 2026.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/sla/calendar';
import { ALL_DAYS, HOUR, allDay, at, iso, officeHours, week } from './helpers';

const span = (cal: ReturnType<typeof createCalendar>, from: string, to: string) =>
  cal.workingTimeBetween(at(from), at(to));
const due = (cal: ReturnType<typeof createCalendar>, from: string, seconds: number) =>
  cal.addWorkingTime(at(from), seconds).toISOString();

describe('Europe/Amsterdam (spring forward 2026-03-29 02:00→03:00, fall back 2026-10-25 03:00→02:00)', () => {
  const always = createCalendar(allDay('Europe/Amsterdam'));

  it('counts a 23-hour and a 25-hour day on a 24/7 calendar', () => {
    expect(span(always, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23 * HOUR);
    expect(span(always, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25 * HOUR);
  });

  it('adds 24 h of real time: 25 h on the wall clock in spring, 23 h in autumn', () => {
    expect(due(always, '2026-03-28T12:00:00+01:00', 24 * HOUR)).toBe(iso('2026-03-29T13:00:00+02:00'));
    expect(due(always, '2026-10-24T12:00:00+02:00', 24 * HOUR)).toBe(iso('2026-10-25T11:00:00+01:00'));
  });

  it('counts nothing for an interval inside the vanished hour, both passes of the repeated hour', () => {
    const early = createCalendar({ timeZone: 'Europe/Amsterdam', week: { sun: [['02:00', '03:00']] } });
    expect(span(early, '2026-03-28T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(0);
    expect(span(early, '2026-10-24T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(2 * HOUR);
    expect(span(early, '2026-06-07T00:00:00+02:00', '2026-06-08T00:00:00+02:00')).toBe(HOUR);
    // Zero budget from the Saturday before: the vanished interval is no opening; next Sunday is.
    expect(due(early, '2026-03-28T12:00:00+01:00', 0)).toBe(iso('2026-04-05T02:00:00+02:00'));
    expect(due(early, '2026-03-28T12:00:00+01:00', 60)).toBe(iso('2026-04-05T02:01:00+02:00'));
  });

  it('moves a boundary in the vanished hour forward by the gap, a repeated one to its first pass', () => {
    const night = createCalendar({ timeZone: 'Europe/Amsterdam', week: { sun: [['01:00', '02:30']] } });
    // Spring: 01:00+01:00 until 02:30 moved forward by the hour, 03:30+02:00 = 1.5 h (docs/time-rules.md).
    expect(span(night, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(1.5 * HOUR);
    expect(due(night, '2026-03-29T01:00:00+01:00', 1.5 * HOUR)).toBe(iso('2026-03-29T03:30:00+02:00'));
    // Autumn: 01:00+02:00 until the first 02:30 (+02:00) = 1.5 h.
    expect(span(night, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(1.5 * HOUR);
    expect(due(night, '2026-10-25T01:00:00+02:00', 1.5 * HOUR)).toBe(iso('2026-10-25T02:30:00+02:00'));
  });

  it('merges intervals that a boundary moved out of the vanished hour folds over (00:00–02:30 + 03:00–24:00)', () => {
    const split = createCalendar({
      timeZone: 'Europe/Amsterdam',
      week: {
        sun: [
          ['00:00', '02:30'],
          ['03:00', '24:00'],
        ],
      },
    });
    // 00:00–03:30+02:00 and 03:00+02:00–24:00 overlap by half an hour: the day is open its whole 23 hours.
    expect(span(split, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23 * HOUR);
    expect(span(split, '2026-03-29T03:15:00+02:00', '2026-03-29T03:45:00+02:00')).toBe(HOUR / 2);
    expect(due(split, '2026-03-29T00:00:00+01:00', 23 * HOUR)).toBe(iso('2026-03-30T00:00:00+02:00'));
  });

  it('keeps a day split inside the repeated hour contiguous (00:00–02:30 + 02:30–24:00 = 25 h)', () => {
    const split = createCalendar({
      timeZone: 'Europe/Amsterdam',
      week: week(ALL_DAYS, [
        ['00:00', '02:30'],
        ['02:30', '24:00'],
      ]),
    });
    expect(span(split, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25 * HOUR);
    expect(due(split, '2026-10-24T12:00:00+02:00', 24 * HOUR)).toBe(iso('2026-10-25T11:00:00+01:00'));
  });

  it('counts a night shift across the change in real hours', () => {
    const nights = createCalendar({
      timeZone: 'Europe/Amsterdam',
      week: { sat: [['22:00', '24:00']], sun: [['00:00', '06:00']] },
    });
    expect(span(nights, '2026-03-28T12:00:00+01:00', '2026-03-29T12:00:00+02:00')).toBe(7 * HOUR);
    expect(span(nights, '2026-10-24T12:00:00+02:00', '2026-10-25T12:00:00+01:00')).toBe(9 * HOUR);
    expect(due(nights, '2026-10-24T22:00:00+02:00', 5 * HOUR)).toBe(iso('2026-10-25T02:00:00+01:00'));
  });

  it('moves office hours with the clock', () => {
    const office = createCalendar(officeHours('Europe/Amsterdam'));
    expect(due(office, '2026-03-27T16:00:00+01:00', 2 * HOUR)).toBe(iso('2026-03-30T10:00:00+02:00'));
    expect(due(office, '2026-10-23T16:00:00+02:00', 2 * HOUR)).toBe(iso('2026-10-26T10:00:00+01:00'));
    expect(span(office, '2026-03-23T00:00:00+01:00', '2026-03-30T23:00:00+02:00')).toBe(6 * 8 * HOUR);
  });
});

describe('America/New_York (spring forward 2026-03-08 02:00→03:00, fall back 2026-11-01 02:00→01:00)', () => {
  const always = createCalendar(allDay('America/New_York'));

  it('counts 23- and 25-hour days and adds real time', () => {
    expect(span(always, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toBe(23 * HOUR);
    expect(span(always, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00')).toBe(25 * HOUR);
    expect(due(always, '2026-03-07T12:00:00-05:00', 24 * HOUR)).toBe(iso('2026-03-08T13:00:00-04:00'));
    expect(due(always, '2026-10-31T12:00:00-04:00', 24 * HOUR)).toBe(iso('2026-11-01T11:00:00-05:00'));
  });

  it('counts the repeated 01:00–02:00 twice and the vanished 02:00–03:00 not at all', () => {
    const repeated = createCalendar({ timeZone: 'America/New_York', week: { sun: [['01:00', '02:00']] } });
    expect(span(repeated, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00')).toBe(2 * HOUR);
    const vanished = createCalendar({ timeZone: 'America/New_York', week: { sun: [['02:00', '03:00']] } });
    expect(span(vanished, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toBe(0);
  });

  it('moves office hours with the clock', () => {
    const office = createCalendar(officeHours('America/New_York'));
    expect(due(office, '2026-03-06T16:00:00-05:00', 2 * HOUR)).toBe(iso('2026-03-09T10:00:00-04:00'));
    expect(due(office, '2026-10-30T16:30:00-04:00', HOUR)).toBe(iso('2026-11-02T09:30:00-05:00'));
  });
});

describe('Australia/Sydney (fall back 2026-04-05 03:00→02:00, spring forward 2026-10-04 02:00→03:00)', () => {
  const always = createCalendar(allDay('Australia/Sydney'));

  it('counts 25- and 23-hour days and adds real time', () => {
    expect(span(always, '2026-04-05T00:00:00+11:00', '2026-04-06T00:00:00+10:00')).toBe(25 * HOUR);
    expect(span(always, '2026-10-04T00:00:00+10:00', '2026-10-05T00:00:00+11:00')).toBe(23 * HOUR);
    expect(due(always, '2026-04-04T12:00:00+11:00', 24 * HOUR)).toBe(iso('2026-04-05T11:00:00+10:00'));
    expect(due(always, '2026-10-03T12:00:00+10:00', 24 * HOUR)).toBe(iso('2026-10-04T13:00:00+11:00'));
  });

  it('moves office hours with the clock', () => {
    const office = createCalendar(officeHours('Australia/Sydney'));
    expect(due(office, '2026-04-03T16:00:00+11:00', 2 * HOUR)).toBe(iso('2026-04-06T10:00:00+10:00'));
    expect(due(office, '2026-10-02T16:00:00+10:00', 2 * HOUR)).toBe(iso('2026-10-05T10:00:00+11:00'));
    expect(span(office, '2026-09-28T00:00:00+10:00', '2026-10-05T00:00:00+11:00')).toBe(5 * 8 * HOUR);
  });
});
