// UTC offsets of one IANA zone (via Intl) and the instants of a local date's wall-clock times. DST follows
// the one rule of src/domain/wall-time.ts (docs/time-rules.md): a wall-clock time in a vanished hour (spring
// forward) moves forward by the length of the gap (02:30 → 03:30 CEST); one that occurs twice (fall back)
// is its FIRST occurrence, for starts and ends alike, so an interval that spans the whole repeated hour
// (00:00–24:00, 02:00–03:00 in Amsterdam) counts both passes and one that ends inside it ends at the
// first pass.
// Offsets are sampled at UTC midnights; a local day is assumed to see at most one offset change within
// the three days around it (true of every zone's rules in use; offsets before 1970 are not a goal).
import { wallTimeToInstant } from '../domain/wall-time';
import { DAY_MS, MINUTE_MS, daysFromCivil } from './civil';

export class Zone {
  private readonly format: Intl.DateTimeFormat;
  /** UTC day number → offset (ms) at 00:00Z of that day. */
  private readonly midnightOffsets = new Map<number, number>();
  private readonly offsetOf = (instant: number): number => this.offsetAt(instant);

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
   * Instants of wall-clock times on one local date. `minutes` are minutes after local midnight (0–1440). The
   * result keeps their order except where a time lies in a vanished hour (see wall-time.ts).
   */
  instantsOf(dayNumber: number, minutes: readonly number[]): number[] {
    const before = this.midnightOffset(dayNumber - 1);
    const after = this.midnightOffset(dayNumber + 2);
    const base = dayNumber * DAY_MS;
    if (before === after) return minutes.map((m) => base + m * MINUTE_MS - before);
    return minutes.map((m) => wallTimeToInstant(base + m * MINUTE_MS, this.offsetOf));
  }

  private midnightOffset(utcDay: number): number {
    let offset = this.midnightOffsets.get(utcDay);
    if (offset === undefined) {
      offset = this.offsetAt(utcDay * DAY_MS);
      this.midnightOffsets.set(utcDay, offset);
    }
    return offset;
  }
}
