// The one rule that turns a wall-clock time in a time zone into an instant (docs/time-rules.md), shared by
// business calendars (src/sla), rotations (src/rotation) and iCalendar:
// - a wall-clock time that exists once is that instant;
// - a wall-clock time that occurs twice (the hour repeated when the clocks go back) is its FIRST occurrence;
// - a wall-clock time that does not exist (skipped when the clocks go forward) moves forward by the length of
//   the gap: 02:30 on 2026-03-29 in Europe/Amsterdam is 03:30 CEST (RFC 5545 §3.3.5, Temporal's
//   disambiguation 'compatible').
// The rule keeps the order of times that lie outside a gap; two times of which one lies in a gap may come out
// in the other order (02:30 → 03:30 CEST, 03:00 → 03:00 CEST), so callers that need ordered intervals drop
// or merge what the gap folds over.

const DAY_MS = 86_400_000;

/** The offset (local − UTC, milliseconds) a zone has at an instant. */
export type OffsetAt = (instant: number) => number;

/**
 * The instant of a wall-clock time. `local` is the wall-clock time as milliseconds since 1970-01-01T00:00 on
 * the local calendar (the local date and time read as if they were UTC). Assumes at most one offset change
 * within a day either side, which holds for every zone's rules in use.
 */
export function wallTimeToInstant(local: number, offsetAt: OffsetAt): number {
  const before = offsetAt(local - DAY_MS);
  const after = offsetAt(local + DAY_MS);
  const early = local - before;
  if (before === after || offsetAt(early) === before) return early; // unique, or the first of two
  const late = local - after;
  if (offsetAt(late) === after) return late; // unique, after the change
  return early; // in the gap: with the offset from before the change, i.e. moved forward by the gap
}
