// Cases from peers' documented behaviour and tests (see /work/shared/reference/sla.md), restated as
// our own. Where our decisions differ (biz's next-period boundary, working_hours' wall-clock
// days), the test pins our choice and names theirs.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/sla/calendar';
import type { CalendarSpec } from '../../../src/sla/calendar';
import { ALL_DAYS, HOUR, WEEKDAYS, allDay, at, iso, week } from './helpers';

const due = (spec: CalendarSpec, from: string, seconds: number) =>
  createCalendar(spec).addWorkingTime(at(from), seconds).toISOString();

describe('Znuny DateTime Add(AsWorkingTime) (scripts/test/DateTime/AddWorkingTime.t)', () => {
  // Znuny lists whole working hours: [8..17] is 08:00–18:00, [8..12, 14..17] is 08:00–13:00 + 14:00–18:00.
  const berlin8To17: CalendarSpec = { timeZone: 'Europe/Berlin', week: week(WEEKDAYS, [['08:00', '18:00']]) };
  const vacation = (years: number[]) =>
    years.flatMap((y) => ['01-01', '05-01', '12-24', '12-25', '12-26', '12-31'].map((md) => `${y}-${md}`));
  const berlinLunch = (years: number[]): CalendarSpec => ({
    timeZone: 'Europe/Berlin',
    week: week(WEEKDAYS, [
      ['08:00', '13:00'],
      ['14:00', '18:00'],
    ]),
    holidays: vacation(years),
  });

  it('15h via calendar 9 (Berlin, lunch break)', () => {
    expect(due(berlinLunch([2015]), '2015-03-27T11:00:00Z', 15 * HOUR)).toBe(iso('2015-03-31T07:00:00Z'));
  });

  it('3.5h from one minute before closing', () => {
    expect(due(berlin8To17, '2016-02-01T16:59:30+01:00', 3.5 * HOUR)).toBe(iso('2016-02-02T10:29:30+01:00'));
  });

  it('5h and 45h25m30s across a lunch break', () => {
    expect(due(berlinLunch([2016]), '2016-02-01T12:25:30+01:00', 5 * HOUR)).toBe(
      iso('2016-02-02T08:25:30+01:00'),
    );
    expect(due(berlinLunch([2016]), '2016-01-31T12:25:30+01:00', 45 * HOUR + 25 * 60 + 30)).toBe(
      iso('2016-02-08T08:25:30+01:00'),
    );
  });

  it('20h across Christmas vacation days', () => {
    expect(due(berlinLunch([2015]), '2015-12-22T16:24:49+01:00', 20 * HOUR)).toBe(
      iso('2015-12-29T08:24:49+01:00'),
    );
  });

  it('1m from a Saturday', () => {
    expect(due(berlin8To17, '2013-03-16T10:00:00+01:00', 60)).toBe(iso('2013-03-18T08:01:00+01:00'));
  });

  it('90d 1h of 24/7 working time across DST and a vacation day (1 May)', () => {
    const spec: CalendarSpec = { ...allDay('Europe/Berlin'), holidays: vacation([2015]) };
    expect(due(spec, '2015-02-17T12:00:00+01:00', 90 * 24 * HOUR + HOUR)).toBe(
      iso('2015-05-19T14:00:00+02:00'),
    );
  });

  it('1d 17h in Sydney across the end of DST', () => {
    expect(due(allDay('Australia/Sydney'), '2016-04-02T12:00:00+11:00', 41 * HOUR)).toBe(
      iso('2016-04-04T04:00:00+10:00'),
    );
  });

  it('Tehran: local midnight vanishes (2016-03-21 00:00→01:00)', () => {
    expect(due(allDay('Asia/Tehran'), '2016-03-20T00:00:00+03:30', 29 * HOUR)).toBe(
      iso('2016-03-21T06:00:00+04:30'),
    );
    const weekdays24: CalendarSpec = { timeZone: 'Asia/Tehran', week: week(WEEKDAYS, [['00:00', '24:00']]) };
    expect(due(weekdays24, '2016-03-20T00:00:00+03:30', 29 * HOUR)).toBe(iso('2016-03-22T06:00:00+04:30'));
    const office: CalendarSpec = { timeZone: 'Asia/Tehran', week: week(WEEKDAYS, [['08:00', '18:00']]) };
    expect(due(office, '2016-03-20T00:00:00+03:30', 5 * HOUR)).toBe(iso('2016-03-21T13:00:00+04:30'));
    expect(due(office, '2016-03-20T00:00:00+03:30', 13 * HOUR)).toBe(iso('2016-03-22T11:00:00+04:30'));
  });

  it('Tehran and São Paulo: midnight falls back to 23:00', () => {
    const weekdays24: CalendarSpec = { timeZone: 'Asia/Tehran', week: week(WEEKDAYS, [['00:00', '24:00']]) };
    expect(due(weekdays24, '2016-09-20T22:00:00+04:30', 5 * HOUR)).toBe(iso('2016-09-21T02:00:00+03:30'));
    expect(due(allDay('America/Sao_Paulo'), '2015-02-21T22:00:00-02:00', 5 * HOUR)).toBe(
      iso('2015-02-22T02:00:00-03:00'),
    );
    expect(due(allDay('America/Sao_Paulo'), '2015-10-17T22:00:00-03:00', 7 * HOUR)).toBe(
      iso('2015-10-18T06:00:00-02:00'),
    );
  });

  it('rejects negative working time', () => {
    expect(() =>
      createCalendar(allDay('UTC')).addWorkingTime(at('2015-02-17T12:00:00Z'), -2 * HOUR),
    ).toThrow();
  });
});

describe('Znuny4OTRS EscalationSuspend (doc/en/feature.md)', () => {
  it('moves a 2h solution time by the 65 minutes spent pending', () => {
    const cal = createCalendar(allDay('Europe/Berlin'));
    const pending = [[at('2021-03-01T09:00:00+01:00'), at('2021-03-01T10:05:00+01:00')]] as const;
    expect(cal.addWorkingTime(at('2021-03-01T08:00:00+01:00'), 2 * HOUR, pending).toISOString()).toBe(
      iso('2021-03-01T11:05:00+01:00'),
    );
  });
});

describe('zendesk/biz', () => {
  const sundays: CalendarSpec = { timeZone: 'UTC', week: { sun: [['11:00', '12:00']] } };

  it('boundary: biz gives the next period start (2006-01-15 11:00); we are due at the closing time', () => {
    expect(due(sundays, '2006-01-01T00:00:00Z', 2 * HOUR)).toBe(iso('2006-01-08T12:00:00Z'));
  });

  it('zero duration gives the first active moment at or after the start', () => {
    expect(due(sundays, '2006-01-01T00:00:00Z', 0)).toBe(iso('2006-01-01T11:00:00Z'));
    expect(due(sundays, '2006-01-01T11:30:00Z', 0)).toBe(iso('2006-01-01T11:30:00Z'));
  });

  it('an interval inside the spring-forward gap vanishes (Los Angeles 02:30–03:15)', () => {
    // 02:30 does not exist that day and moves forward to 03:30 PDT, after the end at 03:15: empty, as in biz.
    const cal = createCalendar({ timeZone: 'America/Los_Angeles', week: { sun: [['02:30', '03:15']] } });
    expect(cal.workingTimeBetween(at('2006-04-02T00:00:00-08:00'), at('2006-04-03T00:00:00-07:00'))).toBe(0);
    expect(cal.workingTimeBetween(at('2006-04-09T00:00:00-07:00'), at('2006-04-10T00:00:00-07:00'))).toBe(
      45 * 60,
    );
  });
});

describe('Intrepidd/working_hours', () => {
  it('counts a 00:00–24:00 DST-end Sunday as 25 h of real time (working_hours: 24 h of wall clock)', () => {
    const cal = createCalendar({ timeZone: 'Europe/Paris', week: { sun: [['00:00', '24:00']] } });
    expect(cal.workingTimeBetween(at('2014-10-26T00:00:00+02:00'), at('2014-10-27T00:00:00+01:00'))).toBe(
      25 * HOUR,
    );
  });

  it('per-date holiday hours replace the weekday hours', () => {
    const cal = createCalendar({
      timeZone: 'Europe/Paris',
      week: week(WEEKDAYS, [['09:00', '17:00']]),
      dateOverrides: { '2014-12-24': [['09:00', '12:00']] },
    });
    expect(cal.addWorkingTime(at('2014-12-24T11:00:00+01:00'), 2 * HOUR).toISOString()).toBe(
      iso('2014-12-25T10:00:00+01:00'),
    );
  });

  it('keeps the calendar zone apart from the caller’s (Tokyo hours queried with Paris instants)', () => {
    const tokyo = createCalendar({ timeZone: 'Asia/Tokyo', week: week(WEEKDAYS, [['09:00', '17:00']]) });
    expect(tokyo.addWorkingTime(at('2014-06-02T00:00:00+02:00'), HOUR).toISOString()).toBe(
      iso('2014-06-02T10:00:00+09:00'),
    );
  });
});

describe('lennym/moment-business-time (README, default Mon–Fri 09:00–17:00)', () => {
  const cal: CalendarSpec = { timeZone: 'UTC', week: week(WEEKDAYS, [['09:00', '17:00']]) };

  it('adds 5 hours on a Friday and from a Saturday', () => {
    expect(due(cal, '2015-02-27T10:00:00Z', 5 * HOUR)).toBe(iso('2015-02-27T15:00:00Z'));
    expect(due(cal, '2015-02-28T10:00:00Z', 5 * HOUR)).toBe(iso('2015-03-02T14:00:00Z'));
    expect(due(cal, '2015-02-27T10:00:00Z', 5 * HOUR + 30 * 60)).toBe(iso('2015-02-27T15:30:00Z'));
  });

  it('supports several segments a day with millisecond precision', () => {
    const split: CalendarSpec = {
      timeZone: 'UTC',
      week: week(ALL_DAYS, [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ]),
    };
    expect(due(split, '2015-02-27T11:59:59.500Z', 1)).toBe(iso('2015-02-27T13:00:00.500Z'));
  });
});
