// The rotation view's calendar arithmetic, on the wall clock of the zone it is shown in: the days of a week
// (Monday first) or a month as instants (a DST day is 23 or 25 hours long), a schedule's stretches cut to each day,
// and times and dates as that zone shows them. Day numbers count days since 1970-01-01 on the local calendar.
import type { RangeEntryView, RangeOverlapView, ScheduleRange } from '../../src/api';
import { civilOfDay, daysFromCivil, weekdayOfDay } from '../../src/sla/civil';
import {
  DAY_MINUTES,
  formatLocal,
  instantOfLocal,
  localOfInstant,
  zoneOf,
} from '../../src/rotation/local-time';

export type CalendarMode = 'week' | 'month';

export interface CalendarDay {
  /** Day number on the local calendar. */
  day: number;
  start: number;
  end: number;
}

export interface Period {
  mode: CalendarMode;
  /** The first day shown (a Monday, or the 1st of the month). */
  first: number;
  days: CalendarDay[];
  from: number;
  to: number;
}

/** A stretch of the schedule within one day, cut to it. */
export type DayItem =
  | { kind: 'entry'; start: number; end: number; entry: RangeEntryView }
  | { kind: 'gap'; start: number; end: number }
  | { kind: 'overlap'; start: number; end: number; overlap: RangeOverlapView };

/** This computer's zone as the browser reports it. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The local day an instant falls on in a zone. */
export function dayOf(instant: number, zone: string): number {
  return Math.floor(localOfInstant(zoneOf(zone), instant) / DAY_MINUTES);
}

function dayStart(day: number, zone: string): number {
  return instantOfLocal(zoneOf(zone), day * DAY_MINUTES);
}

/** The first day of the week or month that holds `day`. */
export function firstDayOf(mode: CalendarMode, day: number): number {
  if (mode === 'week') return day - weekdayOfDay(day);
  const [year, month] = civilOfDay(day);
  return daysFromCivil(year, month, 1);
}

/** The first day of the period `step` weeks or months from the one that holds `day`. */
export function movePeriod(mode: CalendarMode, day: number, step: number): number {
  if (mode === 'week') return firstDayOf('week', day) + 7 * step;
  const [year, month] = civilOfDay(day);
  const index = year * 12 + (month - 1) + step;
  return daysFromCivil(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** The week or month holding `day`, in `zone`. */
export function periodOf(mode: CalendarMode, day: number, zone: string): Period {
  const first = firstDayOf(mode, day);
  const next = mode === 'week' ? first + 7 : movePeriod('month', first, 1);
  const days: CalendarDay[] = [];
  for (let d = first; d < next; d++) {
    days.push({ day: d, start: dayStart(d, zone), end: dayStart(d + 1, zone) });
  }
  return { mode, first, days, from: days[0]!.start, to: days[days.length - 1]!.end };
}

function cut<T extends { start: number; end: number }>(items: readonly T[], day: CalendarDay) {
  return items
    .filter((item) => item.start < day.end && day.start < item.end)
    .map((item) => ({ item, start: Math.max(item.start, day.start), end: Math.min(item.end, day.end) }));
}

/** The entries, gaps and overlaps of a range within one day, in time order (at a tie: entry, gap, overlap). */
export function itemsOfDay(range: ScheduleRange, day: CalendarDay): DayItem[] {
  const order = { entry: 0, gap: 1, overlap: 2 } as const;
  const items: DayItem[] = [
    ...cut(range.entries, day).map(({ item, start, end }) => ({
      kind: 'entry' as const,
      start,
      end,
      entry: item,
    })),
    ...cut(range.gaps, day).map(({ start, end }) => ({ kind: 'gap' as const, start, end })),
    ...cut(range.overlaps, day).map(({ item, start, end }) => ({
      kind: 'overlap' as const,
      start,
      end,
      overlap: item,
    })),
  ];
  return items.sort((a, b) => a.start - b.start || order[a.kind] - order[b.kind]);
}

/** 'HH:MM' on the zone's wall clock; the end of a day is '24:00'. */
export function clockTime(instant: number, zone: string, day?: CalendarDay): string {
  if (day !== undefined && instant === day.end) return '24:00';
  return formatLocal(instant, zone).local.slice(11);
}

/** A day number as a date, e.g. "Monday 23 March" (the language's order). */
export function dayLabel(day: number, language: string, long = true): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: 'UTC',
    weekday: long ? 'long' : 'short',
    day: 'numeric',
    month: long ? 'long' : 'short',
  }).format(day * 86_400_000);
}

/** The period's title: "23 – 29 March 2026" or "March 2026". */
export function periodLabel(period: Period, language: string): string {
  const at = (day: number) => day * 86_400_000;
  if (period.mode === 'month') {
    return new Intl.DateTimeFormat(language, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
      at(period.first),
    );
  }
  const format = new Intl.DateTimeFormat(language, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return format.formatRange(at(period.first), at(period.first + 6));
}

/** An instant with its weekday, date and 24-hour time on the zone's wall clock, e.g. "Wed 25 Mar, 18:00". */
export function dateTimeIn(instant: number, zone: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}
