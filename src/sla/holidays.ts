// Region holidays from date-holidays as local day numbers, per year and cached, with the optional
// Dutch days (Goede Vrijdag, Bevrijdingsdag) as a per-calendar choice.
// A holiday is a whole local date in the calendar's zone; a date-holidays entry that starts mid-day
// (an "evening" holiday) counts as the whole date, one lasting several days as all of them.
// Half days (24/31 December) are not holidays: give them as dateOverrides.
import Holidays from 'date-holidays';
import type { HolidaysTypes } from 'date-holidays';
import { DAY_MS, parseDateKey } from './civil';

export type HolidayType = 'public' | 'bank' | 'school' | 'optional' | 'observance';

/** Which optional Dutch days are days off; they override `holidayTypes` for those two dates. */
export interface DutchHolidayOptions {
  /** Goede Vrijdag (Good Friday). Default false: it is not a public holiday. */
  goodFriday?: boolean;
  /** Bevrijdingsdag, 5 May. Default 'lustrum': only every fifth year (2025, 2030, …). */
  liberationDay?: 'never' | 'lustrum' | 'yearly';
}

export const HOLIDAY_TYPES: readonly HolidayType[] = ['public', 'bank', 'school', 'optional', 'observance'];

export type HolidaysOfYear = (year: number) => ReadonlySet<number>;

/**
 * A per-year lookup for a region written 'CC', 'CC-STATE' or 'CC-STATE-REGION' (date-holidays codes,
 * e.g. 'NL', 'DE-BY'). Returns null when date-holidays does not know the region.
 */
export function regionHolidays(
  region: string,
  types: readonly HolidayType[],
  dutch: DutchHolidayOptions,
): HolidaysOfYear | null {
  const [country = '', state, sub, ...rest] = region.split('-');
  const known = new Holidays();
  if (rest.length > 0 || !Object.hasOwn(known.getCountries(), country)) return null;
  if (state !== undefined && !Object.hasOwn(known.getStates(country) ?? {}, state)) return null;
  if (sub !== undefined && state !== undefined && !Object.hasOwn(known.getRegions(country, state) ?? {}, sub))
    return null;
  const source =
    state === undefined
      ? new Holidays(country)
      : sub === undefined
        ? new Holidays(country, state)
        : new Holidays(country, state, sub);
  const goodFriday = dutch.goodFriday ?? false;
  const liberationDay = dutch.liberationDay ?? 'lustrum';
  const cache = new Map<number, ReadonlySet<number>>();

  const counts = (year: number, holiday: HolidaysTypes.Holiday): boolean => {
    if (country === 'NL' && holiday.rule === 'easter -2') return goodFriday;
    if (country === 'NL' && holiday.date.startsWith(`${year}-05-05`)) {
      return liberationDay === 'yearly' || (liberationDay === 'lustrum' && year % 5 === 0);
    }
    return types.includes(holiday.type);
  };

  return (year) => {
    let days = cache.get(year);
    if (!days) {
      const set = new Set<number>();
      for (const holiday of source.getHolidays(year)) {
        const first = parseDateKey(holiday.date.slice(0, 10));
        if (first === null || !counts(year, holiday)) continue;
        const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
        for (let i = 0; i < length; i++) set.add(first + i);
      }
      days = set;
      cache.set(year, days);
    }
    return days;
  };
}
