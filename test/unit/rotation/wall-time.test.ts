// The one rule for wall-clock times (src/domain/wall-time.ts, docs/time-rules.md): skipped times move forward by
// the gap, repeated times take their first occurrence; the SLA calendar's zone and the rotation's local times
// apply it alike. Offsets for the rule come from luxon here, an implementation independent of ours.
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { wallTimeToInstant } from '../../../src/domain/wall-time';
import { instantOfLocal, parseLocalDateTime, zoneOf } from '../../../src/rotation/local-time';
import { t } from './helpers';

const offsetsOf = (timeZone: string) => {
  const zone = IANAZone.create(timeZone);
  return (instant: number) => zone.offset(instant) * 60_000;
};
/** Local 'YYYY-MM-DDTHH:MM' as wall-clock milliseconds. */
const local = (text: string) => parseLocalDateTime(text)! * 60_000;

const CASES: Array<[string, string, string, string]> = [
  ['skipped: moves forward by the hour', 'Europe/Amsterdam', '2026-03-29T02:30', '2026-03-29T03:30+02:00'],
  ['skipped: the start of the gap', 'Europe/Amsterdam', '2026-03-29T02:00', '2026-03-29T03:00+02:00'],
  ['repeated: first occurrence (CEST)', 'Europe/Amsterdam', '2026-10-25T02:30', '2026-10-25T02:30+02:00'],
  ['just after the repeated hour', 'Europe/Amsterdam', '2026-10-25T03:00', '2026-10-25T03:00+01:00'],
  ['skipped in New York', 'America/New_York', '2026-03-08T02:30', '2026-03-08T03:30-04:00'],
  ['repeated in New York: EDT', 'America/New_York', '2026-11-01T01:30', '2026-11-01T01:30-04:00'],
  ['a half-hour gap (Lord Howe)', 'Australia/Lord_Howe', '2026-10-04T02:15', '2026-10-04T02:45+11:00'],
  ['a half-hour repeat (Lord Howe)', 'Australia/Lord_Howe', '2026-04-05T01:45', '2026-04-05T01:45+11:00'],
  ['a vanished midnight (Tehran)', 'Asia/Tehran', '2016-03-21T00:30', '2016-03-21T01:30+04:30'],
  ['a vanished day (Apia, 2011-12-30)', 'Pacific/Apia', '2011-12-30T12:00', '2011-12-31T12:00+14:00'],
  ['an ordinary time', 'Europe/Amsterdam', '2026-06-01T09:00', '2026-06-01T09:00+02:00'],
];

describe('wallTimeToInstant', () => {
  it.each(CASES)('%s: %s %s is %s', (_what, timeZone, wall, expected) => {
    expect(wallTimeToInstant(local(wall), offsetsOf(timeZone))).toBe(t(expected));
  });

  it('the SLA zone and the rotation resolve every case the same way', () => {
    for (const [, timeZone, wall, expected] of CASES) {
      const minutes = parseLocalDateTime(wall)!;
      expect(instantOfLocal(zoneOf(timeZone), minutes)).toBe(t(expected));
      const day = Math.floor(minutes / 1440);
      expect(zoneOf(timeZone).instantsOf(day, [minutes - day * 1440])).toEqual([t(expected)]);
    }
  });

  it('maps the wall-clock time of any instant back to it, or to the first pass of a repeated time', () => {
    const zones = [
      'Europe/Amsterdam',
      'America/New_York',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Kolkata',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2099, 0, 1) / 60_000 }),
        (timeZone, minute) => {
          const offsetAt = offsetsOf(timeZone);
          const instant = minute * 60_000;
          const wall = instant + offsetAt(instant);
          const result = wallTimeToInstant(wall, offsetAt);
          expect(result + offsetAt(result)).toBe(wall);
          if (result !== instant) {
            // The second pass of a repeated time: the first pass is earlier, at a larger offset.
            expect(result).toBeLessThan(instant);
            expect(offsetAt(result)).toBeGreaterThan(offsetAt(instant));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
