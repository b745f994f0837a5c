// Invalid calendar specs are refused with a message that says what is wrong.
import { describe, expect, it } from 'vitest';
import { createCalendar, workingDaySeconds } from '../../../src/sla/calendar';
import type { CalendarSpec } from '../../../src/sla/calendar';
import { officeHours } from './helpers';

const base = officeHours('Europe/Amsterdam');
const withWeek = (mon: unknown): CalendarSpec => ({
  ...base,
  week: { ...base.week, mon: mon as Array<[string, string]> },
});

const cases: Array<[string, CalendarSpec, string]> = [
  ['unknown zone', { ...base, timeZone: 'Europe/Atlantis' }, "Calendar: unknown time zone 'Europe/Atlantis'"],
  [
    'empty zone',
    { ...base, timeZone: '' },
    'Calendar: timeZone: expected an IANA zone such as Europe/Amsterdam',
  ],
  [
    'single-digit hour',
    withWeek([['9:00', '17:00']]),
    "Calendar: week.mon[0]: malformed time '9:00' (expected HH:MM from 00:00 to 24:00)",
  ],
  [
    'hour 25',
    withWeek([['09:00', '25:00']]),
    "Calendar: week.mon[0]: malformed time '25:00' (expected HH:MM from 00:00 to 24:00)",
  ],
  [
    'minute 60',
    withWeek([['12:60', '17:00']]),
    "Calendar: week.mon[0]: malformed time '12:60' (expected HH:MM from 00:00 to 24:00)",
  ],
  [
    '24:30',
    withWeek([['09:00', '24:30']]),
    "Calendar: week.mon[0]: malformed time '24:30' (expected HH:MM from 00:00 to 24:00)",
  ],
  [
    'seconds',
    withWeek([['09:00:00', '17:00']]),
    "Calendar: week.mon[0]: malformed time '09:00:00' (expected HH:MM from 00:00 to 24:00)",
  ],
  [
    'reversed',
    withWeek([
      ['08:00', '12:00'],
      ['17:00', '09:00'],
    ]),
    'Calendar: week.mon[1]: interval 17:00–09:00 ends before it starts',
  ],
  [
    'empty interval',
    withWeek([['09:00', '09:00']]),
    'Calendar: week.mon[0]: interval 09:00–09:00 is empty (it ends where it starts)',
  ],
  [
    'starts at 24:00',
    withWeek([['24:00', '24:00']]),
    'Calendar: week.mon[0]: interval 24:00–24:00 is empty (it ends where it starts)',
  ],
  [
    'overlap',
    withWeek([
      ['12:00', '17:00'],
      ['09:00', '13:00'],
    ]),
    'Calendar: week.mon: intervals 09:00–13:00 and 12:00–17:00 overlap',
  ],
  ['not a pair', withWeek([['09:00']]), "Calendar: week.mon[0]: expected ['HH:MM', 'HH:MM']"],
  [
    'not a list',
    withWeek('09:00-17:00'),
    "Calendar: week.mon: expected a list of ['HH:MM', 'HH:MM'] intervals",
  ],
  [
    'unknown weekday',
    { ...base, week: { ...base.week, monday: [['09:00', '17:00']] } as CalendarSpec['week'] },
    "Calendar: week: unknown day 'monday' (expected mon, tue, wed, thu, fri, sat, sun)",
  ],
  [
    'no working time',
    { timeZone: 'UTC', week: { mon: [], sat: [] } },
    'Calendar: no working time: every day of the week is closed',
  ],
  [
    'no week',
    { timeZone: 'UTC' } as CalendarSpec,
    "Calendar: week: expected { mon: [['09:00', '17:00']], … }",
  ],
  [
    'malformed holiday',
    { ...base, holidays: ['2026-12-25', '2026-1-1'] },
    "Calendar: holidays[1]: malformed date '2026-1-1' (expected YYYY-MM-DD)",
  ],
  [
    'impossible holiday',
    { ...base, holidays: ['2027-02-29'] },
    "Calendar: holidays[0]: malformed date '2027-02-29' (expected YYYY-MM-DD)",
  ],
  [
    'malformed override key',
    { ...base, dateOverrides: { '24-12-2026': [] } },
    "Calendar: dateOverrides: malformed date '24-12-2026' (expected YYYY-MM-DD)",
  ],
  [
    'bad override hours',
    { ...base, dateOverrides: { '2026-12-24': [['13:00', '09:00']] } },
    "Calendar: dateOverrides['2026-12-24'][0]: interval 13:00–09:00 ends before it starts",
  ],
  [
    'override on own holiday',
    { ...base, holidays: ['2026-12-24'], dateOverrides: { '2026-12-24': [] } },
    'Calendar: dateOverrides: 2026-12-24 is also listed in holidays',
  ],
  ['unknown region', { ...base, holidayRegion: 'XX' }, "Calendar: unknown holiday region 'XX'"],
  [
    'inherited property as region',
    { ...base, holidayRegion: 'toString' },
    "Calendar: unknown holiday region 'toString'",
  ],
  ['unknown state', { ...base, holidayRegion: 'DE-XX' }, "Calendar: unknown holiday region 'DE-XX'"],
  [
    'unknown holiday type',
    { ...base, holidayRegion: 'NL', holidayTypes: ['public', 'fun' as 'public'] },
    "Calendar: holidayTypes[1]: unknown type 'fun' (expected public, bank, school, optional, observance)",
  ],
  [
    'holiday types without region',
    { ...base, holidayTypes: ['public'] },
    'Calendar: holidayTypes: needs a holidayRegion',
  ],
  [
    'Dutch options elsewhere',
    { ...base, holidayRegion: 'BE', dutchHolidays: { goodFriday: true } },
    "Calendar: dutchHolidays: needs holidayRegion 'NL'",
  ],
  [
    'Dutch option value',
    { ...base, holidayRegion: 'NL', dutchHolidays: { liberationDay: 'sometimes' as 'yearly' } },
    "Calendar: dutchHolidays.liberationDay: unknown choice 'sometimes' (expected never, lustrum or yearly)",
  ],
];

describe('invalid calendar specs', () => {
  it.each(cases)('refuses %s', (_name, spec, message) => {
    expect(() => createCalendar(spec)).toThrow(new Error(message));
  });

  it('validates in workingDaySeconds too', () => {
    expect(() => workingDaySeconds(withWeek([['17:00', '09:00']]))).toThrow('ends before it starts');
  });

  it('accepts touching intervals, 24:00, empty days and known regions', () => {
    expect(() =>
      createCalendar({
        timeZone: 'America/New_York',
        week: {
          mon: [
            ['00:00', '12:00'],
            ['12:00', '24:00'],
          ],
          tue: [],
        },
        holidays: ['2028-02-29'],
        holidayRegion: 'US-NY',
        dateOverrides: { '2026-12-24': [] },
      }),
    ).not.toThrow();
  });
});
