// Half-open [start, end) intervals of instants: the union of a list, the intersection of two ordered lists,
// and the check on a range the public functions take.
import type { Interval } from './model';

/** The union of intervals: ordered, disjoint, touching ones joined, empty ones dropped. */
export function unionOf(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const union: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = union[union.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else union.push({ start, end });
  }
  return union;
}

/**
 * The parts of each item that lie inside `windows` (ordered and disjoint), in order; `items` are ordered and
 * disjoint too. Linear in the two lengths.
 */
export function cutTo<T extends Interval>(items: readonly T[], windows: readonly Interval[]): T[] {
  const parts: T[] = [];
  let w = 0;
  for (const item of items) {
    while (w < windows.length && windows[w]!.end <= item.start) w++;
    for (let v = w; v < windows.length && windows[v]!.start < item.end; v++) {
      const start = Math.max(item.start, windows[v]!.start);
      const end = Math.min(item.end, windows[v]!.end);
      if (end > start) parts.push({ ...item, start, end });
    }
  }
  return parts;
}

/** Throws a RangeError unless [from, to) is a range of finite instants with from ≤ to. */
export function checkRange(from: number, to: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new RangeError(
      `Rotation: the range must be two instants in UTC milliseconds, got ${from} and ${to}`,
    );
  }
  if (to < from) throw new RangeError(`Rotation: the range ends (${to}) before it starts (${from})`);
}
