// Time zones for iCalendar times. Every wall-clock time becomes an instant through the product's one rule
// (src/domain/wall-time.ts: a time skipped in spring moves forward by the gap, a repeated one is its first
// occurrence), whatever defines the zone: a VTIMEZONE in the feed (its offsets as ical.js expands them), or
// an IANA name without a VTIMEZONE (offsets from Intl). For the latter a VTIMEZONE is built, so that ical.js
// compares UNTIL, EXDATE and RECURRENCE-ID in UTC against times in that zone correctly.
import ICAL from 'ical.js';
import { type OffsetAt, wallTimeToInstant } from '../../domain/wall-time';
import { Zone } from '../../sla/zone';

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;

/** IANA zones already asked for, by name (null: unknown to Intl). */
const ianaZones = new Map<string, OffsetAt | null>();

/**
 * Offsets of an IANA zone from Intl, or null when Intl does not know the name. Each year's changes are found
 * once (Intl is slow), then an offset is a binary search.
 */
export function ianaOffsets(name: string): OffsetAt | null {
  let offsets = ianaZones.get(name);
  if (offsets === undefined) {
    offsets = intlOffsets(name);
    ianaZones.set(name, offsets);
  }
  return offsets;
}

function intlOffsets(name: string): OffsetAt | null {
  let zone: Zone;
  try {
    zone = new Zone(name);
  } catch {
    return null;
  }
  const sample = (instant: number): number => zone.offsetAt(instant);
  const years = new Map<number, Changes>();
  return (instant) => {
    const year = new Date(instant).getUTCFullYear();
    let changes = years.get(year);
    if (!changes) {
      changes = changesOf(sample, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1));
      years.set(year, changes);
    }
    return offsetIn(changes, instant);
  };
}

/** Offsets of a VTIMEZONE as ical.js expands its observances (changes are kept in UTC). */
export function vtimezoneOffsets(timezone: ICAL.Timezone): OffsetAt {
  let coveredYear = -Infinity;
  let changes: Changes = { initial: 0, starts: [], offsets: [] };
  return (instant) => {
    const year = new Date(instant).getUTCFullYear() + 1;
    if (year > coveredYear) {
      timezone._ensureCoverage(year);
      coveredYear = year;
      const sorted = (timezone.changes as TimezoneChange[])
        .map((c) => ({
          at: Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second),
          offset: c.utcOffset * SECOND_MS,
          previous: c.prevUtcOffset * SECOND_MS,
        }))
        .sort((a, b) => a.at - b.at);
      changes = {
        initial: sorted[0]?.previous ?? 0,
        starts: sorted.map((c) => c.at),
        offsets: sorted.map((c) => c.offset),
      };
    }
    return offsetIn(changes, instant);
  };
}

/** The instant of an ICAL.Time's wall-clock fields in a zone (a DATE is its midnight). */
export function instantOf(time: ICAL.Time, offsets: OffsetAt): number {
  const local = localMs(time.year, time.month, time.day, time.hour, time.minute, time.second);
  return wallTimeToInstant(local, offsets);
}

/** Milliseconds of a wall-clock time read as if it were UTC. */
export function localMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/**
 * A VTIMEZONE named `tzid` with the offsets `offsets` gives from the start of `fromYear` to the end of
 * `toYear`: one observance for the offset at the start, then one for each change Intl reports.
 */
export function buildVtimezone(
  tzid: string,
  offsets: OffsetAt,
  fromYear: number,
  toYear: number,
): ICAL.Component {
  const component = new ICAL.Component('vtimezone');
  component.addPropertyWithValue('tzid', tzid);
  const start = Date.UTC(fromYear, 0, 1);
  const { initial, starts, offsets: after } = changesOf(offsets, start, Date.UTC(toYear + 1, 0, 1));
  component.addSubcomponent(observance('standard', start, initial, initial));
  let before = initial;
  starts.forEach((at, index) => {
    const offset = after[index] ?? before;
    component.addSubcomponent(observance(offset > before ? 'daylight' : 'standard', at, before, offset));
    before = offset;
  });
  return component;
}

/** The offset at `start` and every change of offset in [start, end), to the second. */
interface Changes {
  initial: number;
  /** Instants at which a new offset starts, ascending. */
  starts: number[];
  /** The offset from each of `starts` on. */
  offsets: number[];
}

function changesOf(sample: OffsetAt, start: number, end: number): Changes {
  const initial = sample(start);
  const starts: number[] = [];
  const offsets: number[] = [];
  const step = 7 * DAY_MS; // offsets never change twice within a week
  let offset = initial;
  for (let at = start; at < end;) {
    const next = Math.min(at + step, end);
    if (sample(next) === offset) {
      at = next;
      continue;
    }
    let low = at;
    let high = next;
    while (high - low > SECOND_MS) {
      const mid = low + Math.floor((high - low) / (2 * SECOND_MS)) * SECOND_MS;
      if (sample(mid) === offset) low = mid;
      else high = mid;
    }
    offset = sample(high);
    starts.push(high);
    offsets.push(offset);
    at = high;
  }
  return { initial, starts, offsets };
}

function offsetIn(changes: Changes, instant: number): number {
  let low = 0;
  let high = changes.starts.length; // the first change after the instant
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((changes.starts[mid] ?? Infinity) <= instant) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? changes.initial : (changes.offsets[low - 1] ?? changes.initial);
}

interface TimezoneChange {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  utcOffset: number;
  prevUtcOffset: number;
}

function observance(kind: 'standard' | 'daylight', at: number, from: number, to: number): ICAL.Component {
  const component = new ICAL.Component(kind);
  const local = new Date(at + from); // DTSTART is the wall-clock time in the offset before the change
  component.addPropertyWithValue(
    'dtstart',
    ICAL.Time.fromData({
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      second: local.getUTCSeconds(),
      isDate: false,
    }),
  );
  component.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromSeconds(from / SECOND_MS));
  component.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromSeconds(to / SECOND_MS));
  return component;
}
