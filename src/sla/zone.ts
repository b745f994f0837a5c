// UTC offsets of one IANA zone (via Intl) and the mapping of a local date's wall-clock times to instants,
// with DST resolved the same way for every boundary:
// - a wall-clock time inside a vanished hour (spring forward) maps to the instant the gap ends;
// - a wall-clock time that occurs twice (fall back) maps to its FIRST occurrence, for starts and ends
//   alike. The mapping therefore never decreases, so one day's intervals stay ordered and disjoint;
//   an interval that spans the whole repeated hour (00:00–24:00, 02:00–03:00 in Amsterdam) counts both
//   passes, one that ends inside it ends at the first pass.
// Offsets are sampled at UTC midnights; a local day is assumed to see at most one offset change within
// the three days around it (true of every zone's rules in use; offsets before 1970 are not a goal).
import { DAY_MS, MINUTE_MS, daysFromCivil } from './civil';

export class Zone {
  private readonly format: Intl.DateTimeFormat;
  /** UTC day number → offset (ms) at 00:00Z of that day. */
  private readonly midnightOffsets = new Map<number, number>();

  /** Throws a RangeError when Intl does not know the zone. */
  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Offset (local − UTC, ms) in force at an instant. */
  offsetAt(instant: number): number {
    const whole = Math.floor(instant / 1000) * 1000;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(whole)) {
      const value = Number(part.value);
      switch (part.type) {
        case 'year':
          year = value;
          break;
        case 'month':
          month = value;
          break;
        case 'day':
          day = value;
          break;
        case 'hour':
          hour = value % 24;
          break;
        case 'minute':
          minute = value;
          break;
        case 'second':
          second = value;
          break;
        default:
          break;
      }
    }
    const local = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000;
    return local - whole;
  }

  /**
   * Instants of wall-clock times on one local date. `minutes` are minutes after local midnight
   * (0–1440, ascending); the result is non-decreasing.
   */
  instantsOf(dayNumber: number, minutes: readonly number[]): number[] {
    const before = this.midnightOffset(dayNumber - 1);
    const after = this.midnightOffset(dayNumber + 2);
    const base = dayNumber * DAY_MS;
    if (before === after) return minutes.map((m) => base + m * MINUTE_MS - before);
    const change = this.findChange((dayNumber - 1) * DAY_MS, (dayNumber + 2) * DAY_MS, before);
    return minutes.map((m) => {
      const local = base + m * MINUTE_MS;
      const early = local - before; // valid when it lies before the change
      const late = local - after; // valid when it lies at or after the change
      const earlyOk = early < change;
      const lateOk = late >= change;
      if (earlyOk && lateOk) return Math.min(early, late); // repeated: first occurrence
      if (earlyOk) return early;
      if (lateOk) return late;
      return change; // vanished: the instant the gap ends
    });
  }

  private midnightOffset(utcDay: number): number {
    let offset = this.midnightOffsets.get(utcDay);
    if (offset === undefined) {
      offset = this.offsetAt(utcDay * DAY_MS);
      this.midnightOffsets.set(utcDay, offset);
    }
    return offset;
  }

  /** First whole second in (low, high] whose offset differs from `offset` (which holds at `low`). */
  private findChange(low: number, high: number, offset: number): number {
    let lo = low;
    let hi = high;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.offsetAt(mid) === offset) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}
