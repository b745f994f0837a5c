// Validation of a CalendarSpec into the form the arithmetic works on. Every problem throws an Error
// whose message starts with "Calendar:" and names the field, e.g.
// "Calendar: week.mon[1]: interval 17:00–09:00 ends before it starts".
import type { CalendarSpec, Weekday } from './calendar';
import { parseClock, parseDateKey } from './civil';
import { HOLIDAY_TYPES, regionHolidays } from './holidays';
import type { HolidayType, HolidaysOfYear } from './holidays';
import { Zone } from './zone';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Interval boundaries as a flat, ascending list [start, end, start, end, …] of minutes after local midnight. */
export type DayHours = readonly number[];

export interface CompiledSpec {
  zone: Zone;
  /** Hours per weekday, Monday = 0. */
  week: readonly DayHours[];
  /** Explicit holidays as day numbers. */
  holidays: ReadonlySet<number>;
  overrides: ReadonlyMap<number, DayHours>;
  regionHolidays: HolidaysOfYear | null;
}

function fail(message: string): never {
  throw new Error(`Calendar: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseHours(label: string, value: unknown): DayHours {
  if (!Array.isArray(value)) fail(`${label}: expected a list of ['HH:MM', 'HH:MM'] intervals`);
  const intervals = value.map((interval: unknown, i): [number, number, string] => {
    const where = `${label}[${i}]`;
    if (!Array.isArray(interval) || interval.length !== 2) fail(`${where}: expected ['HH:MM', 'HH:MM']`);
    const [fromText, toText] = interval as unknown[];
    const from = typeof fromText === 'string' ? parseClock(fromText) : null;
    if (from === null)
      fail(`${where}: malformed time '${String(fromText)}' (expected HH:MM from 00:00 to 24:00)`);
    const to = typeof toText === 'string' ? parseClock(toText) : null;
    if (to === null)
      fail(`${where}: malformed time '${String(toText)}' (expected HH:MM from 00:00 to 24:00)`);
    const text = `${String(fromText)}–${String(toText)}`;
    if (to < from) fail(`${where}: interval ${text} ends before it starts`);
    if (to === from) fail(`${where}: interval ${text} is empty (it ends where it starts)`);
    return [from, to, text];
  });
  intervals.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  intervals.forEach(([from, to, text], i) => {
    const previous = intervals[i - 1];
    if (previous && previous[1] > from) fail(`${label}: intervals ${previous[2]} and ${text} overlap`);
    flat.push(from, to);
  });
  return flat;
}

function parseRegion(spec: CalendarSpec): HolidaysOfYear | null {
  const { holidayRegion, holidayTypes, dutchHolidays } = spec;
  if (holidayRegion === undefined) {
    if (holidayTypes !== undefined) fail('holidayTypes: needs a holidayRegion');
    if (dutchHolidays !== undefined) fail("dutchHolidays: needs holidayRegion 'NL'");
    return null;
  }
  if (typeof holidayRegion !== 'string') fail('holidayRegion: expected a region code such as NL');
  const types: readonly HolidayType[] = holidayTypes ?? ['public'];
  if (!Array.isArray(types)) fail('holidayTypes: expected a list of holiday types');
  types.forEach((type, i) => {
    if (!HOLIDAY_TYPES.includes(type))
      fail(`holidayTypes[${i}]: unknown type '${String(type)}' (expected ${HOLIDAY_TYPES.join(', ')})`);
  });
  if (dutchHolidays !== undefined) {
    if (holidayRegion.split('-')[0] !== 'NL') fail("dutchHolidays: needs holidayRegion 'NL'");
    if (!isRecord(dutchHolidays)) fail('dutchHolidays: expected { goodFriday?, liberationDay? }');
    const { goodFriday, liberationDay } = dutchHolidays;
    if (goodFriday !== undefined && typeof goodFriday !== 'boolean')
      fail('dutchHolidays.goodFriday: expected true or false');
    if (
      liberationDay !== undefined &&
      !(['never', 'lustrum', 'yearly'] as unknown[]).includes(liberationDay)
    ) {
      fail(
        `dutchHolidays.liberationDay: unknown choice '${String(liberationDay)}' (expected never, lustrum or yearly)`,
      );
    }
  }
  return (
    regionHolidays(holidayRegion, types, dutchHolidays ?? {}) ??
    fail(`unknown holiday region '${holidayRegion}'`)
  );
}

export function compileSpec(spec: CalendarSpec): CompiledSpec {
  if (!isRecord(spec)) fail('expected a calendar spec object');
  const { timeZone, week, holidays = [], dateOverrides = {} } = spec;
  if (typeof timeZone !== 'string' || timeZone === '')
    fail('timeZone: expected an IANA zone such as Europe/Amsterdam');
  let zone: Zone;
  try {
    zone = new Zone(timeZone);
  } catch {
    fail(`unknown time zone '${timeZone}'`);
  }

  if (!isRecord(week)) fail("week: expected { mon: [['09:00', '17:00']], … }");
  for (const key of Object.keys(week)) {
    if (!(WEEKDAYS as readonly string[]).includes(key))
      fail(`week: unknown day '${key}' (expected ${WEEKDAYS.join(', ')})`);
  }
  const hours = WEEKDAYS.map((day) => (week[day] === undefined ? [] : parseHours(`week.${day}`, week[day])));
  if (hours.every((day) => day.length === 0)) fail('no working time: every day of the week is closed');

  if (!Array.isArray(holidays)) fail("holidays: expected a list of 'YYYY-MM-DD' dates");
  const holidayDays = new Set<number>();
  holidays.forEach((date: unknown, i) => {
    const day = typeof date === 'string' ? parseDateKey(date) : null;
    if (day === null) fail(`holidays[${i}]: malformed date '${String(date)}' (expected YYYY-MM-DD)`);
    holidayDays.add(day);
  });

  if (!isRecord(dateOverrides)) fail("dateOverrides: expected { 'YYYY-MM-DD': [['09:00', '13:00']], … }");
  const overrides = new Map<number, DayHours>();
  for (const [date, value] of Object.entries(dateOverrides)) {
    const day = parseDateKey(date) ?? fail(`dateOverrides: malformed date '${date}' (expected YYYY-MM-DD)`);
    if (holidayDays.has(day)) fail(`dateOverrides: ${date} is also listed in holidays`);
    overrides.set(day, parseHours(`dateOverrides['${date}']`, value));
  }

  return { zone, week: hours, holidays: holidayDays, overrides, regionHolidays: parseRegion(spec) };
}
