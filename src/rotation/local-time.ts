// Wall-clock times of a schedule: parsing 'HH:MM' and 'YYYY-MM-DDTHH:MM', turning local minutes into instants
// by the one DST rule (src/domain/wall-time.ts, through the SLA's cached Intl zone), and showing instants in
// any zone (`localTimes`: for the engineer who travels, or a member who lives elsewhere).
// "Local minutes" count wall-clock minutes since 1970-01-01T00:00 on the local calendar.
import { civilOfDay, DAY_MS, MINUTE_MS, parseClock, parseDateKey } from '../sla/civil';
import { Zone } from '../sla/zone';

export const DAY_MINUTES = 1440;
export const WEEK_MINUTES = 7 * DAY_MINUTES;

const zones = new Map<string, Zone>();

/** The zone of an IANA name, built once; throws a RangeError when Intl does not know it. */
export function zoneOf(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new Zone(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

/** Whether Intl knows an IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    zoneOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** 'HH:MM' → minutes after midnight (00:00–23:59, or up to 24:00 when `allowEndOfDay`), else null. */
export function parseWallTime(text: string, allowEndOfDay = false): number | null {
  const minutes = parseClock(text);
  return minutes === null || (minutes === DAY_MINUTES && !allowEndOfDay) ? null : minutes;
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** 'YYYY-MM-DDTHH:MM' → local minutes, or null when malformed or not a real date and time. */
export function parseLocalDateTime(text: string): number | null {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return null;
  const day = parseDateKey(match[1]!);
  const minutes = parseWallTime(match[2]!);
  return day === null || minutes === null ? null : day * DAY_MINUTES + minutes;
}

/** The instant of a wall-clock time (local minutes) in a zone, by the one DST rule. */
export function instantOfLocal(zone: Zone, localMinutes: number): number {
  const day = Math.floor(localMinutes / DAY_MINUTES);
  return zone.instantsOf(day, [localMinutes - day * DAY_MINUTES])[0]!;
}

/** The wall-clock time (local minutes, rounded down) an instant shows in a zone. */
export function localOfInstant(zone: Zone, instant: number): number {
  return Math.floor((instant + zone.offsetAt(instant)) / MINUTE_MS);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as the zone's wall clock shows it: 'YYYY-MM-DDTHH:MM' and the offset, '+02:00'. */
export function formatLocal(instant: number, timeZone: string): { local: string; offset: string } {
  const offset = zoneOf(timeZone).offsetAt(instant);
  const local = Math.floor((instant + offset) / MINUTE_MS) * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  const [year, month, date] = civilOfDay(day);
  const minutes = (local - day * DAY_MS) / MINUTE_MS;
  const offsetMinutes = Math.round(Math.abs(offset) / MINUTE_MS);
  return {
    local: `${pad(year, 4)}-${pad(month)}-${pad(date)}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
    offset: `${offset < 0 ? '-' : '+'}${pad(Math.floor(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`,
  };
}

/** Start and end of a shift or entry on another zone's wall clock (display only). */
export interface LocalTimes {
  timeZone: string;
  /** 'YYYY-MM-DDTHH:MM' */
  start: string;
  startOffset: string;
  end: string;
  endOffset: string;
}

/** Shows an interval on a zone's wall clock, e.g. a member's own zone or the viewer's. */
export function localTimes(interval: { start: number; end: number }, timeZone: string): LocalTimes {
  const start = formatLocal(interval.start, timeZone);
  const end = formatLocal(interval.end, timeZone);
  return { timeZone, start: start.local, startOffset: start.offset, end: end.local, endOffset: end.offset };
}
