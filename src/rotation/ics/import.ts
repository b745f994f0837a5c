// Reads an iCalendar feed (a PagerDuty, Opsgenie, Grafana OnCall or Google Calendar schedule) into on-call
// entries over a range of instants. ical.js parses the text, expands recurrences (RRULE with INTERVAL, UNTIL,
// COUNT, BYDAY; RDATE; EXDATE) and relates each RECURRENCE-ID override to its series; this module decides
// what the feed means for who is on call:
// - every wall-clock time becomes an instant by the product's one rule (zones.ts); a TZID comes from the
//   feed's VTIMEZONE, else from the IANA zone of that name, else (with a warning) from the feed's zone;
// - floating times and all-day events (DATE values) are read in the feed's zone: X-WR-TIMEZONE, else its only
//   VTIMEZONE, else `defaultZone`, else UTC. An all-day event runs from local midnight to local midnight;
// - an occurrence keeps the series' wall-clock length (00:00–12:00 stays 00:00–12:00 local across a DST
//   change, as Google Calendar shows it), unless DTSTART and DTEND are in different zones, when it keeps
//   the exact length;
// - an override replaces the occurrence it names (matched by wall-clock time as ical.js does, or by instant);
//   one that names no occurrence of its series is kept as a one-off and reported; a cancelled one
//   (STATUS:CANCELLED) removes its occurrence; a cancelled series is left out;
// - a broken file is an IcsError naming the problem and its line; a broken event is left out with a warning.
import ICAL from 'ical.js';
import type { OffsetAt } from '../../domain/wall-time';
import { IcsError } from './errors';
import { type Attendee, attendeesOf, personOf } from './people';
import { type CalendarOutline, contentLines, normalizeNewlines, outlineOf, parseErrorOf } from './structure';
import { buildVtimezone, ianaOffsets, instantOf, localMs, vtimezoneOffsets } from './zones';

export interface FeedEntry {
  uid: string;
  /** The occurrence of a recurring series this entry is (UTC ms, as the series had it); null for a single event. */
  recurrenceId: number | null;
  /** UTC ms. */
  start: number;
  /** UTC ms. */
  end: number;
  allDay: boolean;
  summary: string;
  attendees: Attendee[];
  /** The most readable name of the person on call (people.ts); empty when the event names nobody. */
  person: string;
}

export interface ParsedFeed {
  /** X-WR-CALNAME. */
  name: string | null;
  /** X-WR-TIMEZONE, else the TZID of the feed's only VTIMEZONE. */
  timeZone: string | null;
  /** Entries that overlap [from, to), by start. */
  entries: FeedEntry[];
  /** What was left out or read with a guess, in words. */
  warnings: string[];
}

export interface ParseOptions {
  /** UTC ms, inclusive. */
  from: number;
  /** UTC ms, exclusive. */
  to: number;
  /** IANA zone for floating times and all-day events when the feed names no zone; UTC when absent. */
  defaultZone?: string;
}

/** Occurrences one series may produce before the rest is left out (a FREQ=MINUTELY rule over years). */
const MAX_OCCURRENCES = 100_000;

type JCalProperty = [string, Record<string, unknown>, string, ...unknown[]];
type JCal = [string, JCalProperty[], JCal[]];

export function parseFeed(text: string, options: ParseOptions): ParsedFeed {
  const defaultOffsets = checkOptions(options);
  const normalized = normalizeNewlines(text);
  const lines = contentLines(normalized);
  const outlines = outlineOf(lines);
  let parsed: unknown;
  try {
    parsed = ICAL.parse(normalized);
  } catch (error) {
    throw parseErrorOf(error, lines);
  }
  try {
    return readCalendars(
      (outlines.length === 1 ? [parsed] : parsed) as JCal[],
      outlines,
      options,
      defaultOffsets,
    );
  } catch (error) {
    if (error instanceof IcsError) throw error;
    throw new IcsError(`The feed cannot be read as iCalendar (${messageOf(error)}).`);
  }
}

function readCalendars(
  calendars: JCal[],
  outlines: CalendarOutline[],
  options: ParseOptions,
  defaultOffsets: { name: string; offsets: OffsetAt },
): ParsedFeed {
  const warnings = new Set<string>();
  const entries: FeedEntry[] = [];
  let name: string | null = null;
  let timeZone: string | null = null;
  calendars.forEach((jcal, index) => {
    const outline = outlines[index] ?? { line: 0, eventLines: [] };
    const calendar = new CalendarReader(jcal, outline, options, defaultOffsets, warnings);
    if (index === 0) {
      name = calendar.name;
      timeZone = calendar.timeZone;
    }
    entries.push(...calendar.entries());
  });
  entries.sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0) ||
      (a.recurrenceId ?? -Infinity) - (b.recurrenceId ?? -Infinity),
  );
  return { name, timeZone, entries, warnings: [...warnings] };
}

function checkOptions(options: ParseOptions): { name: string; offsets: OffsetAt } {
  if (!Number.isFinite(options.from) || !Number.isFinite(options.to) || options.from >= options.to) {
    throw new IcsError('The range to read is empty: "from" must be an instant before "to".');
  }
  const name = options.defaultZone ?? 'UTC';
  const offsets = ianaOffsets(name);
  if (!offsets) throw new IcsError(`"${name}" is not a time zone (an IANA name such as Europe/Amsterdam).`);
  return { name, offsets };
}

/** One VCALENDAR of the feed. */
class CalendarReader {
  readonly name: string | null;
  readonly timeZone: string | null;
  private readonly root: ICAL.Component;
  /** Offsets by TZID: the feed's VTIMEZONEs, IANA zones, and unknown names read in the feed's zone. */
  private readonly zones = new Map<string, OffsetAt>();
  private readonly floating: OffsetAt;
  private readonly lineOf = new Map<ICAL.Component, number>();

  constructor(
    jcal: JCal,
    outline: CalendarOutline,
    private readonly options: ParseOptions,
    fallback: { name: string; offsets: OffsetAt },
    private readonly warnings: Set<string>,
  ) {
    this.root = new ICAL.Component(jcal);
    this.name = textProperty(this.root, 'x-wr-calname');
    for (const nameless of this.root.getAllSubcomponents('vtimezone').filter((c) => !c.hasProperty('tzid'))) {
      this.root.removeSubcomponent(nameless); // ical.js cannot look up any zone while one has no TZID
      warnings.add('A VTIMEZONE without a TZID is ignored.');
    }
    const defined = this.root
      .getAllSubcomponents('vtimezone')
      .map((c) => String(c.getFirstPropertyValue('tzid')));
    for (const tzid of defined) {
      const timezone = this.root.getTimeZoneByID(tzid);
      if (timezone) this.zones.set(tzid, vtimezoneOffsets(timezone));
    }
    this.timeZone =
      textProperty(this.root, 'x-wr-timezone') ?? (defined.length === 1 ? (defined[0] ?? null) : null);
    this.floating = this.floatingOffsets(fallback);
    this.defineMissingZones(jcal);
    this.root.getAllSubcomponents('vevent').forEach((event, index) => {
      const line = outline.eventLines[index];
      if (line !== undefined) this.lineOf.set(event, line);
    });
  }

  entries(): FeedEntry[] {
    const entries: FeedEntry[] = [];
    const byUid = new Map<string, ICAL.Component[]>();
    for (const component of this.root.getAllSubcomponents('vevent')) {
      if (!this.readable(component)) continue;
      const uid = this.uidOf(component);
      const group = byUid.get(uid);
      if (group) group.push(component);
      else byUid.set(uid, [component]);
    }
    for (const [uid, components] of byUid) {
      const [master, ...others] = components.filter((c) => !c.hasProperty('recurrence-id'));
      const overrides = components.filter((c) => c.hasProperty('recurrence-id'));
      if (!master) {
        this.warn(
          components[0],
          `the feed changes ${overrides.length === 1 ? 'an occurrence' : `${overrides.length} occurrences`} of ` +
            `series "${uid}" but does not hold the series; kept as ${overrides.length === 1 ? 'it is' : 'they are'}.`,
        );
        for (const override of overrides) this.emitOneOff(uid, new ICAL.Event(override), entries);
        continue;
      }
      if (others.length > 0) {
        this.warn(others[0], `"${uid}" is the UID of ${others.length + 1} events; each is kept as its own.`);
      }
      this.expand(uid, master, overrides, entries);
      for (const other of others) this.expand(uid, other, [], entries);
    }
    return entries;
  }

  /** The occurrences of one series and its overrides that overlap the range. */
  private expand(uid: string, master: ICAL.Component, overrides: ICAL.Component[], out: FeedEntry[]): void {
    if (cancelled(master)) return;
    const event = new ICAL.Event(master, { strictExceptions: true, exceptions: latestOverrides(overrides) });
    const exceptions = Object.values(event.exceptions as unknown as Record<string, ICAL.Event>);
    const byInstant = new Map(
      exceptions.map((e) => [keyOf(e.recurrenceId, this.instant(e.recurrenceId)), e]),
    );
    const lastRecurrenceId = Math.max(-Infinity, ...exceptions.map((e) => this.instant(e.recurrenceId)));
    const exactLength = this.exactLength(master);
    const duration = event.duration;
    const recurring = event.isRecurring();
    const utcIds = Object.keys(event.exceptions).some((id) => id.endsWith('Z'));
    const matched = new Set<ICAL.Event>();
    const iterator = event.iterator();
    let reached = -Infinity;
    let exhausted = false;
    try {
      for (let count = 0; ; count += 1) {
        const next = iterator.next() as ICAL.Time | undefined;
        if (!next) {
          exhausted = true;
          break;
        }
        if (count === MAX_OCCURRENCES) {
          this.warn(
            master,
            `series "${uid}" has more than ${MAX_OCCURRENCES} occurrences; the rest is left out.`,
          );
          break;
        }
        const at = this.instant(next);
        reached = at;
        if (at >= this.options.to && at > lastRecurrenceId) break;
        const override = directException(event, next, utcIds) ?? byInstant.get(keyOf(next, at));
        if (override) {
          matched.add(override);
          continue;
        }
        if (at >= this.options.to) continue;
        const { item, startDate, endDate } = occurrenceOf(event, next, duration);
        const start = this.instant(startDate);
        const end = exactLength !== null && item === event ? start + exactLength : this.instant(endDate);
        this.emit(uid, item.component, start, end, startDate.isDate, recurring ? at : null, out);
      }
    } catch (error) {
      this.warn(
        master,
        `the recurrence of "${uid}" cannot be followed (${messageOf(error)}); the rest is left out.`,
      );
    }
    for (const override of exceptions) {
      const recurrenceId = this.instant(override.recurrenceId);
      if (!matched.has(override) && (exhausted || reached > recurrenceId)) {
        this.warn(
          override.component,
          `the change to "${uid}" for ${new Date(recurrenceId).toISOString()} matches no occurrence of the ` +
            'series; kept as a one-off.',
        );
      }
      this.emitOneOff(uid, override, out);
    }
  }

  private emitOneOff(uid: string, event: ICAL.Event, out: FeedEntry[]): void {
    if (cancelled(event.component)) return;
    const recurrenceId = event.component.hasProperty('recurrence-id')
      ? this.instant(event.recurrenceId)
      : null;
    const start = this.instant(event.startDate);
    this.emit(
      uid,
      event.component,
      start,
      this.instant(event.endDate),
      event.startDate.isDate,
      recurrenceId,
      out,
    );
  }

  private emit(
    uid: string,
    component: ICAL.Component,
    start: number,
    end: number,
    allDay: boolean,
    recurrenceId: number | null,
    out: FeedEntry[],
  ): void {
    if (end < start) {
      this.warn(component, `"${uid}" ends before it starts; left out.`);
      return;
    }
    const { from, to } = this.options;
    if (start >= to || (end <= from && !(end === start && start >= from))) return;
    const summary = String(component.getFirstPropertyValue('summary') ?? '').trim();
    const attendees = attendeesOf(component);
    out.push({
      uid,
      recurrenceId,
      start,
      end,
      allDay,
      summary,
      attendees,
      person: personOf(summary, attendees),
    });
  }

  /** Whether an event's dates can be read; a warning leaves it out when not. */
  private readable(component: ICAL.Component): boolean {
    try {
      if (!component.hasProperty('dtstart')) throw new Error('it has no DTSTART');
      const event = new ICAL.Event(component, { strictExceptions: true, exceptions: [] });
      for (const time of [event.startDate, event.endDate]) this.instant(time);
      if (component.hasProperty('recurrence-id')) this.instant(event.recurrenceId);
      component.getAllProperties('rrule').forEach((p) => p.getFirstValue());
      return true;
    } catch (error) {
      this.warn(component, `an event cannot be read (${messageOf(error)}); left out.`);
      return false;
    }
  }

  private uidOf(component: ICAL.Component): string {
    const uid = String(component.getFirstPropertyValue('uid') ?? '').trim();
    if (uid !== '') return uid;
    const line = this.lineOf.get(component) ?? 0;
    this.warn(component, 'an event has no UID; it is named after its line.');
    return `line-${line}@no-uid`;
  }

  /** The exact length of a series whose DTSTART and DTEND are in different zones, else null. */
  private exactLength(master: ICAL.Component): number | null {
    const start = master.getFirstPropertyValue('dtstart');
    const end = master.getFirstPropertyValue('dtend');
    if (!(start instanceof ICAL.Time) || !(end instanceof ICAL.Time) || start.isDate || end.isDate)
      return null;
    if (zoneKey(start) === zoneKey(end)) return null;
    return this.instant(end) - this.instant(start);
  }

  /** The instant of a time from this calendar. */
  private instant(time: ICAL.Time): number {
    if (time.zone === ICAL.Timezone.utcTimezone) {
      return localMs(time.year, time.month, time.day, time.hour, time.minute, time.second);
    }
    const key = zoneKey(time);
    const offsets = key === null ? this.floating : (this.zones.get(key) ?? this.floating);
    return instantOf(time, offsets);
  }

  private floatingOffsets(fallback: { name: string; offsets: OffsetAt }): OffsetAt {
    const named = this.timeZone;
    if (named === null) return fallback.offsets;
    const offsets = this.zones.get(named) ?? ianaOffsets(named);
    if (offsets) return offsets;
    this.warnings.add(
      `The feed's time zone "${named}" is unknown; its floating times and all-day events are read in ` +
        `${fallback.name}.`,
    );
    return fallback.offsets;
  }

  /**
   * Adds a VTIMEZONE for every TZID the events use that the feed does not define, so ical.js compares their
   * times with UTC ones correctly: the IANA zone of that name, else (with a warning) the feed's zone.
   */
  private defineMissingZones(jcal: JCal): void {
    const used = new Set<string>();
    const years: number[] = [yearOf(this.options.from), yearOf(this.options.to)];
    for (const [name, properties] of jcal[2]) {
      if (name !== 'vevent') continue;
      for (const [, params, , ...values] of properties) {
        if (typeof params.tzid === 'string') used.add(params.tzid);
        for (const value of values) {
          const year =
            typeof value === 'string' && /^\d{4}-\d\d-\d\d/.test(value) ? Number(value.slice(0, 4)) : NaN;
          if (Number.isFinite(year)) years.push(year);
        }
      }
    }
    const fromYear = Math.max(1900, Math.min(...years) - 1);
    const toYear = Math.min(2200, Math.max(...years) + 1);
    for (const tzid of used) {
      if (this.zones.has(tzid)) continue;
      let offsets = ianaOffsets(tzid);
      if (!offsets) {
        this.warnings.add(
          `The time zone "${tzid}" is neither defined in the feed nor known; its times are read in the feed's zone.`,
        );
        offsets = this.floating;
      }
      this.zones.set(tzid, offsets);
      this.root.addSubcomponent(buildVtimezone(tzid, offsets, fromYear, toYear));
    }
  }

  private warn(component: ICAL.Component | undefined, message: string): void {
    const line = component === undefined ? undefined : this.lineOf.get(component);
    this.warnings.add(line === undefined ? capitalized(message) : `Line ${line}: ${message}`);
  }
}

/** The overrides to relate to a series: for one RECURRENCE-ID given twice, the one with the higher SEQUENCE. */
function latestOverrides(overrides: readonly ICAL.Component[]): ICAL.Component[] {
  const byId = new Map<string, ICAL.Component>();
  for (const override of overrides) {
    const id = String(override.getFirstPropertyValue('recurrence-id'));
    const known = byId.get(id);
    if (!known || sequenceOf(override) >= sequenceOf(known)) byId.set(id, override);
  }
  return [...byId.values()];
}

/**
 * An occurrence that no override replaces. getOccurrenceDetails applies RANGE=THISANDFUTURE overrides; without
 * any, an occurrence is the series' length from its start (and that call's conversion to UTC would be the
 * costliest part of an occurrence).
 */
function occurrenceOf(
  event: ICAL.Event,
  start: ICAL.Time,
  duration: ICAL.Duration,
): { item: ICAL.Event; startDate: ICAL.Time; endDate: ICAL.Time } {
  if (event.rangeExceptions.length > 0) return event.getOccurrenceDetails(start);
  const endDate = start.clone();
  endDate.addDuration(duration);
  return { item: event, startDate: start, endDate };
}

/** The override ical.js relates to an occurrence: by its wall-clock time, or in UTC when some are in UTC. */
function directException(event: ICAL.Event, occurrence: ICAL.Time, utcIds: boolean): ICAL.Event | undefined {
  const exceptions = event.exceptions as unknown as Record<string, ICAL.Event | undefined>;
  const direct = exceptions[occurrence.toString()];
  if (direct || !utcIds) return direct;
  return exceptions[occurrence.convertToZone(ICAL.Timezone.utcTimezone).toString()];
}

function keyOf(time: ICAL.Time, instant: number): string {
  return `${time.isDate ? 'date' : 'time'}:${instant}`;
}

/** The TZID a time is in, or null for a floating time or a date. */
function zoneKey(time: ICAL.Time): string | null {
  if (time.isDate || !time.zone || time.zone === ICAL.Timezone.localTimezone) return null;
  return time.zone.tzid;
}

function cancelled(component: ICAL.Component): boolean {
  return String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

function sequenceOf(component: ICAL.Component): number {
  const sequence = Number(component.getFirstPropertyValue('sequence') ?? 0);
  return Number.isFinite(sequence) ? sequence : 0;
}

/** A TEXT value of a calendar property ical.js does not know (X-WR-…), unescaped; null when absent or empty. */
function textProperty(root: ICAL.Component, name: string): string | null {
  const raw = root.getFirstPropertyValue(name);
  if (typeof raw !== 'string') return null;
  const text = (ICAL.design.icalendar.value as Record<string, TextType>).text?.fromICAL(raw) ?? raw;
  return text.trim() === '' ? null : text.trim();
}

interface TextType {
  fromICAL(value: string): string;
  toICAL(value: string): string;
}

function yearOf(instant: number): number {
  return new Date(instant).getUTCFullYear();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
