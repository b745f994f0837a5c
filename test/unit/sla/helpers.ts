// Shared calendar specs and instant helpers for the calendar tests.
import type { CalendarSpec, Weekday } from '../../../src/sla/calendar';

export const HOUR = 3600;

/** An instant from an ISO string with offset; `iso` prints one back in UTC. */
export const at = (text: string): Date => new Date(text);
export const iso = (text: string): string => new Date(text).toISOString();

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const ALL_DAYS: Weekday[] = [...WEEKDAYS, 'sat', 'sun'];

/** The same hours on the given days. */
export function week(days: Weekday[], hours: Array<[string, string]>): CalendarSpec['week'] {
  return Object.fromEntries(days.map((day) => [day, hours]));
}

export const officeHours = (timeZone: string, extra: Partial<CalendarSpec> = {}): CalendarSpec => ({
  timeZone,
  week: week(WEEKDAYS, [['09:00', '17:00']]),
  ...extra,
});

export const allDay = (timeZone: string): CalendarSpec => ({
  timeZone,
  week: week(ALL_DAYS, [['00:00', '24:00']]),
});

export const dutchOffice = (extra: Partial<CalendarSpec> = {}): CalendarSpec =>
  officeHours('Europe/Amsterdam', { holidayRegion: 'NL', ...extra });

export { ALL_DAYS, WEEKDAYS };
