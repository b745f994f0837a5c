// Business-calendar arithmetic for SLA clocks: how much working time lies between two instants, and
// when a budget of working time runs out.
//
// Semantics (DESIGN.md §3):
// - Working time is REAL elapsed time. A 25-hour fall-back day open 00:00–24:00 counts 25 h; an
//   interval inside a vanished hour (02:00–03:00 on spring-forward day in Amsterdam) counts nothing.
//   DST boundaries follow the one rule of docs/time-rules.md (zone.ts): a time in a gap moves forward by
//   the length of the gap (01:00–02:30 on spring-forward day ends at 03:30 CEST), a repeated time is its
//   first occurrence.
// - Intervals are half-open [start, end). A budget that runs out exactly at a closing time is due AT
//   that closing time, not at the next opening.
// - A zero budget returns the start itself when the clock runs there, else the next opening.
// - Pauses are half-open [from, to) instants during which the clock stands still; they may overlap
//   and come in any order. workingTimeBetween is 0 when end <= start.
// - Precision is the millisecond: budgets are rounded to whole milliseconds.
// - Holidays are local dates in the calendar's zone. Precedence per date: dateOverrides, then
//   holidays (own list and region), then the weekday's hours.
// - A "working day" is the calendar's own day length: the working seconds of the most common
//   non-empty weekday pattern (ties: the longer one), measured on the wall clock. Mon–Fri 09:00–17:00
//   gives 8 h, a 24/7 calendar 24 h. SLA policies define "5 working days" as 5 × workingDaySeconds.
//
// Design: the local dates are cut into blocks of 32 days. A block holds the working intervals of
// its days as ascending UTC instants (each local boundary converted once) and a prefix sum of their
// lengths, so a query binary-searches within a block and skips whole blocks by their totals;
// years-long budgets cost one addition per month of calendar. Blocks are built on first use and kept.
import { DAY_MS, weekdayOfDay, yearOfDay } from './civil';
import type { DutchHolidayOptions, HolidayType } from './holidays';
import { compileSpec } from './spec';
import type { CompiledSpec, DayHours } from './spec';

export type { DutchHolidayOptions, HolidayType };

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface CalendarSpec {
  /** IANA zone. */
  timeZone: string;
  /** Local 'HH:MM' intervals, end may be '24:00'; several per day. */
  week: Partial<Record<Weekday, Array<[string, string]>>>;
  /** Local dates 'YYYY-MM-DD' without working time. */
  holidays?: string[];
  /** E.g. 'NL' (or 'DE-BY'): public holidays from date-holidays. */
  holidayRegion?: string;
  /** Local date → hours instead of the weekday's ([] = closed); wins over holidays. */
  dateOverrides?: Record<string, Array<[string, string]>>;
  /** Which date-holidays types of the region count as days off. Default ['public']. */
  holidayTypes?: HolidayType[];
  /** NL only: Goede Vrijdag (default no) and Bevrijdingsdag (default 'lustrum': 2025, 2030, …). */
  dutchHolidays?: DutchHolidayOptions;
}

export interface BusinessCalendar {
  addWorkingTime(start: Date, seconds: number, pauses?: ReadonlyArray<readonly [Date, Date]>): Date;
  /** Seconds, 0 when end <= start. */
  workingTimeBetween(start: Date, end: Date, pauses?: ReadonlyArray<readonly [Date, Date]>): number;
}

/** Throws an Error saying what is wrong when the spec is invalid. */
export function createCalendar(spec: CalendarSpec): BusinessCalendar {
  return new Calendar(compileSpec(spec));
}

/** The calendar's working day in seconds (see the header): 28 800 for Mon–Fri 09:00–17:00. */
export function workingDaySeconds(spec: CalendarSpec): number {
  const counts = new Map<number, number>();
  for (const hours of compileSpec(spec).week) {
    const minutes = dayMinutes(hours);
    if (minutes > 0) counts.set(minutes, (counts.get(minutes) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [minutes, count] of counts) {
    if (count > bestCount || (count === bestCount && minutes > best)) {
      best = minutes;
      bestCount = count;
    }
  }
  return best * 60;
}

function dayMinutes(hours: DayHours): number {
  let total = 0;
  for (let i = 0; i < hours.length; i += 2) total += hours[i + 1]! - hours[i]!;
  return total;
}

const BLOCK_DAYS = 32;
const MAX_DATE_MS = 8.64e15;
/** Blocks stay a few days inside the range of Date. */
const LAST_DAY = Math.floor(MAX_DATE_MS / DAY_MS) - 3;
const BEYOND_DATES = 'Calendar: the result lies beyond the range of Date';

interface Block {
  /** [start, end, start, end, …]: the block's non-empty working intervals as ascending instants (ms). */
  readonly bounds: Float64Array;
  /** cum[i] = working ms in the block before interval i; the last entry is the block's total. */
  readonly cum: Float64Array;
}

/** Block of the earliest local date whose hours can reach an instant (zones are within UTC−12…+14). */
function firstBlockFor(instant: number): number {
  return Math.floor((Math.floor(instant / DAY_MS) - 1) / BLOCK_DAYS);
}

/** Index of the first interval ending after `instant`, or the interval count. */
function firstEndAfter(bounds: Float64Array, instant: number): number {
  let lo = 0;
  let hi = bounds.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[2 * mid + 1]! > instant) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Working ms of a block before an instant. */
function workedBefore(block: Block, instant: number): number {
  const i = firstEndAfter(block.bounds, instant);
  const before = block.cum[i]!;
  return i === block.cum.length - 1 ? before : before + Math.max(0, instant - block.bounds[2 * i]!);
}

function toInstant(label: string, value: Date): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new Error(`Calendar: ${label} is not a valid Date`);
  return ms;
}

/** Pauses as sorted, disjoint [from, to) instants; empty and reversed pauses are dropped. */
function mergePauses(pauses: ReadonlyArray<readonly [Date, Date]>): Array<[number, number]> {
  const sorted = pauses
    .map(([from, to], i): [number, number] => [
      toInstant(`pauses[${i}][0]`, from),
      toInstant(`pauses[${i}][1]`, to),
    ])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const pause of sorted) {
    const last = merged[merged.length - 1];
    if (last && pause[0] <= last[1]) last[1] = Math.max(last[1], pause[1]);
    else merged.push(pause);
  }
  return merged;
}

class Calendar implements BusinessCalendar {
  private readonly blocks = new Map<number, Block>();
  private lastIndex = Number.NaN;
  private lastBlock: Block = { bounds: new Float64Array(0), cum: new Float64Array(1) };

  constructor(private readonly spec: CompiledSpec) {}

  addWorkingTime(start: Date, seconds: number, pauses?: ReadonlyArray<readonly [Date, Date]>): Date {
    const from = toInstant('start', start);
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new Error(
        `Calendar: working time to add must be a finite number of seconds ≥ 0, got ${String(seconds)}`,
      );
    }
    const budget = Math.round(seconds * 1000);
    // Working time never exceeds elapsed time, so this due instant could not be a Date.
    if (from + budget > MAX_DATE_MS) throw new RangeError(BEYOND_DATES);
    const due =
      pauses && pauses.length > 0
        ? this.addPaused(from, budget, mergePauses(pauses))
        : this.add(from, budget);
    return new Date(due);
  }

  workingTimeBetween(start: Date, end: Date, pauses?: ReadonlyArray<readonly [Date, Date]>): number {
    const from = toInstant('start', start);
    const to = toInstant('end', end);
    if (to <= from) return 0;
    let worked = this.between(from, to);
    for (const [pauseFrom, pauseTo] of pauses ? mergePauses(pauses) : []) {
      const lo = Math.max(from, pauseFrom);
      const hi = Math.min(to, pauseTo);
      if (hi > lo) worked -= this.between(lo, hi);
    }
    return worked / 1000;
  }

  /** The instant `budget` working ms after `from` (the next opening when the budget is 0). */
  private add(from: number, budget: number): number {
    let k = firstBlockFor(from);
    let block = this.block(k);
    let i = firstEndAfter(block.bounds, from);
    while (i === block.cum.length - 1) {
      block = this.block(++k);
      i = firstEndAfter(block.bounds, from);
    }
    // The interval holding `from`, or the next one.
    const open = Math.max(block.bounds[2 * i]!, from);
    const available = block.bounds[2 * i + 1]! - open;
    if (available >= budget) return open + budget;
    let left = budget - available;
    i++;
    for (;;) {
      const { bounds, cum } = block;
      const last = cum.length - 1;
      const inBlock = cum[last]! - cum[i]!;
      if (inBlock >= left) {
        // The lowest interval j whose end reaches the target: due at its end rather than at the next start.
        const target = cum[i]! + left;
        let lo = i;
        let hi = last - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cum[mid + 1]! >= target) hi = mid;
          else lo = mid + 1;
        }
        return bounds[2 * lo]! + (target - cum[lo]!);
      }
      left -= inBlock;
      block = this.block(++k);
      i = 0;
    }
  }

  private addPaused(from: number, budget: number, pauses: ReadonlyArray<[number, number]>): number {
    let at = from;
    let left = budget;
    for (const [pauseFrom, pauseTo] of pauses) {
      if (pauseTo <= at) continue;
      if (pauseFrom > at) {
        if (left === 0) {
          const open = this.add(at, 0);
          if (open < pauseFrom) return open;
        } else {
          const worked = this.between(at, pauseFrom);
          if (worked >= left) return this.add(at, left);
          left -= worked;
        }
      }
      at = pauseTo;
    }
    return this.add(at, left);
  }

  /** Working ms in [from, to), from < to. */
  private between(from: number, to: number): number {
    const lastBlock = Math.floor((Math.floor(to / DAY_MS) + 1) / BLOCK_DAYS);
    let worked = 0;
    for (let k = firstBlockFor(from); k <= lastBlock; k++) {
      const block = this.block(k);
      worked += workedBefore(block, to) - workedBefore(block, from);
    }
    return worked;
  }

  private block(k: number): Block {
    if (k === this.lastIndex) return this.lastBlock;
    let block = this.blocks.get(k);
    if (!block) {
      block = this.build(k);
      this.blocks.set(k, block);
    }
    this.lastIndex = k;
    this.lastBlock = block;
    return block;
  }

  private build(k: number): Block {
    const first = k * BLOCK_DAYS;
    if (Math.abs(first) > LAST_DAY) throw new RangeError(BEYOND_DATES);
    // A boundary in a vanished hour moves forward (zone.ts), possibly past later boundaries: intervals it
    // turns around are empty, intervals it makes overlap are merged. (No zone's gap spans local midnight, so
    // a block's intervals never reach back into the previous block.)
    const intervals: Array<[number, number]> = [];
    for (let day = first; day < first + BLOCK_DAYS; day++) {
      const hours = this.hoursOn(day);
      if (hours.length === 0) continue;
      const instants = this.spec.zone.instantsOf(day, hours);
      for (let i = 0; i < instants.length; i += 2) intervals.push([instants[i]!, instants[i + 1]!]);
    }
    intervals.sort((a, b) => a[0] - b[0]);
    const bounds: number[] = [];
    for (const [start, end] of intervals) {
      if (end <= start) continue;
      const last = bounds.length - 1;
      if (last > 0 && start < bounds[last]!) bounds[last] = Math.max(bounds[last]!, end);
      else bounds.push(start, end);
    }
    const cum = new Float64Array(bounds.length / 2 + 1);
    for (let i = 0; i < bounds.length / 2; i++) cum[i + 1] = cum[i]! + bounds[2 * i + 1]! - bounds[2 * i]!;
    return { bounds: Float64Array.from(bounds), cum };
  }

  private hoursOn(day: number): DayHours {
    const { overrides, holidays, regionHolidays, week } = this.spec;
    const override = overrides.get(day);
    if (override) return override;
    if (holidays.has(day) || regionHolidays?.(yearOfDay(day)).has(day)) return [];
    return week[weekdayOfDay(day)]!;
  }
}
