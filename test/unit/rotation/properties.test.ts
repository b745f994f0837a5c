// Properties of the rotation, checked with fast-check against an oracle that knows nothing of our turn, window
// or sweep code: it takes zone offsets from luxon, finds the turn at an instant by searching the handoffs, and
// tests membership of each restriction window one by one. Random zones (with hour, half-hour and midnight DST
// changes), rotations, handoffs (also in skipped hours), restrictions, overrides and ranges.
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { finalSchedule } from '../../../src/rotation/final';
import { layerShifts } from '../../../src/rotation/layer';
import type {
  FinalEntry,
  Interval,
  Layer,
  Override,
  Restriction,
  Schedule,
} from '../../../src/rotation/model';

const MINUTE = 60_000;
const DAY = 1440;
const ZONES = [
  'Europe/Amsterdam',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kolkata',
  'UTC',
];
const FIRST_DAY = Math.floor(Date.UTC(2025, 0, 1) / (DAY * MINUTE));

// ---- the oracle ----

/** The instant of a wall-clock time (local minutes): the first instant showing it, else the skipped rule. */
function resolve(timeZone: string, localMinutes: number): number {
  const zone = IANAZone.create(timeZone);
  const local = localMinutes * MINUTE;
  const offset = (instant: number) => zone.offset(instant) * MINUTE;
  const showing = [local - offset(local - DAY * MINUTE), local - offset(local + DAY * MINUTE)].filter(
    (instant) => instant + offset(instant) === local,
  );
  return showing.length > 0 ? Math.min(...showing) : local - offset(local - DAY * MINUTE);
}

const localDay = (timeZone: string, instant: number) =>
  Math.floor((instant + IANAZone.create(timeZone).offset(instant) * MINUTE) / (DAY * MINUTE));
const isoWeekday = (day: number) => DateTime.fromMillis(day * DAY * MINUTE, { zone: 'UTC' }).weekday;
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));
const localMinutesOf = (text: string) => DateTime.fromISO(text, { zone: 'UTC' }).toMillis() / MINUTE;

/** Whether a restriction window holds an instant, trying each occurrence near it. */
function inWindow(timeZone: string, restriction: Restriction, instant: number): boolean {
  const today = localDay(timeZone, instant);
  const from = minutesOf(restriction.from);
  const to = minutesOf(restriction.to);
  let length: number;
  let opensOn: (day: number) => boolean;
  if (restriction.kind === 'daily') {
    length = to > from ? to - from : to + DAY - from;
    opensOn = () => true;
  } else {
    const span = (restriction.toDay - restriction.fromDay) * DAY + to - from;
    length = span > 0 ? span : span + 7 * DAY;
    opensOn = (day) => isoWeekday(day) === restriction.fromDay;
  }
  for (let day = today - 8; day <= today + 1; day++) {
    if (!opensOn(day)) continue;
    const open = day * DAY + from;
    if (resolve(timeZone, open) <= instant && instant < resolve(timeZone, open + length)) return true;
  }
  return false;
}

const UNIT = { hours: 60, days: DAY, weeks: 7 * DAY } as const;

/** The turn a layer is in at an instant and whether the layer is on call then (null: before start, after end). */
function turnAt(timeZone: string, layer: Layer, instant: number): { turn: number; allowed: boolean } | null {
  const start = localMinutesOf(layer.start);
  const period = layer.rotation.every * UNIT[layer.rotation.unit];
  const handoff = (k: number) => resolve(timeZone, start + k * period);
  if (instant < handoff(0)) return null;
  if (layer.end !== undefined && instant >= resolve(timeZone, localMinutesOf(layer.end))) return null;
  let low = 0;
  let high = Math.ceil((localDay(timeZone, instant) * DAY + 2 * DAY - start) / period) + 1;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (handoff(mid) <= instant) low = mid;
    else high = mid;
  }
  const restrictions = layer.restrictions ?? [];
  const allowed = restrictions.length === 0 || restrictions.some((r) => inWindow(timeZone, r, instant));
  return { turn: low, allowed };
}

/** Who the final schedule should page at an instant, and why. */
function expectedAt(
  schedule: Schedule,
  instant: number,
): { who: string; source: string; layerId: string | null } | null {
  const covering = (override: Override) => override.start <= instant && instant < override.end;
  const top = schedule.overrides.filter((o) => o.layerId === undefined && covering(o)).pop();
  if (top) return { who: top.member.name, source: 'override', layerId: null };
  for (const layer of [...schedule.layers].reverse()) {
    const at = turnAt(schedule.timeZone, layer, instant);
    const restrictions = layer.restrictions ?? [];
    const allowedNow =
      restrictions.length === 0 || restrictions.some((r) => inWindow(schedule.timeZone, r, instant));
    const own = schedule.overrides.filter((o) => o.layerId === layer.id && covering(o)).pop();
    if (own && allowedNow) return { who: own.member.name, source: 'override', layerId: layer.id };
    if (at?.allowed) {
      return { who: layer.members[at.turn % layer.members.length]!.name, source: 'layer', layerId: layer.id };
    }
  }
  return null;
}

// ---- the generators ----

const clock = (max: number) =>
  fc.integer({ min: 0, max: max / 15 }).map((q) => {
    const minutes = q * 15;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  });
const restrictionArb: fc.Arbitrary<Restriction> = fc.oneof(
  fc.record({ kind: fc.constant('daily' as const), from: clock(1425), to: clock(1440) }),
  fc.record({
    kind: fc.constant('weekly' as const),
    fromDay: fc.integer({ min: 1, max: 7 }),
    from: clock(1425),
    toDay: fc.integer({ min: 1, max: 7 }),
    to: clock(1440),
  }),
);
const rotationArb = fc.oneof(
  fc.record({ every: fc.integer({ min: 1, max: 30 }), unit: fc.constant('hours' as const) }),
  fc.record({ every: fc.integer({ min: 1, max: 3 }), unit: fc.constant('days' as const) }),
  fc.record({ every: fc.integer({ min: 1, max: 2 }), unit: fc.constant('weeks' as const) }),
);
const dateOf = (day: number) => DateTime.fromMillis(day * DAY * MINUTE, { zone: 'UTC' }).toISODate()!;

const layerArb = (id: string) =>
  fc
    .record({
      members: fc.integer({ min: 1, max: 4 }),
      rotation: rotationArb,
      handoff: clock(1425),
      startDay: fc.integer({ min: FIRST_DAY, max: FIRST_DAY + 3 * 365 }),
      endAfter: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
      restrictions: fc.array(restrictionArb, { maxLength: 3 }),
    })
    .map(({ members, rotation, handoff, startDay, endAfter, restrictions }): Layer => ({
      id,
      name: id,
      members: Array.from({ length: members }, (_, i) => ({ name: `${id}-${i}` })),
      rotation,
      handoff,
      start: `${dateOf(startDay)}T${handoff}`,
      ...(endAfter === undefined ? {} : { end: `${dateOf(startDay + endAfter)}T${handoff}` }),
      restrictions,
    }));

/** A range of up to `days` days that starts near the layers' starts, so most ranges see turns. */
const rangeArb = (days: number) =>
  fc
    .tuple(
      fc.integer({ min: FIRST_DAY - 10, max: FIRST_DAY + 3 * 365 + 30 }),
      fc.integer({ min: 0, max: days * DAY }),
    )
    .map(([day, length]) => ({ from: day * DAY * MINUTE + 7 * 60 * MINUTE, length: length * MINUTE }));

/** Instants worth checking: the edges of every interval (and next to them) and a few in between. */
function probes(items: readonly Interval[], from: number, to: number): number[] {
  const points = new Set<number>();
  for (const { start, end } of [{ start: from, end: to }, ...items]) {
    for (const p of [start - 1, start, end - 1, end, Math.floor((start + end) / 2)]) {
      if (p >= from && p < to) points.add(p);
    }
  }
  return [...points];
}

function entryAt(entries: readonly FinalEntry[], instant: number): FinalEntry | undefined {
  return entries.find((entry) => entry.start <= instant && instant < entry.end);
}

/** Entries and gaps are ordered, disjoint and together cover [from, to) exactly. */
function expectTiling(
  entries: readonly Interval[],
  gaps: readonly Interval[],
  from: number,
  to: number,
): void {
  for (const list of [entries, gaps]) {
    list.forEach((item, i) => {
      expect(item.end).toBeGreaterThan(item.start);
      if (i > 0) expect(item.start).toBeGreaterThanOrEqual(list[i - 1]!.end);
    });
  }
  const all = [...entries, ...gaps].sort((a, b) => a.start - b.start);
  let at = from;
  for (const item of all) {
    expect(item.start).toBe(at);
    at = item.end;
  }
  expect(at).toBe(to);
}

describe('within one layer', () => {
  it('the final schedule never overlaps itself and covers exactly the allowed windows, turn by turn', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        layerArb('L'),
        rangeArb(21),
        (timeZone, layer, { from, length }) => {
          const schedule: Schedule = { id: 's', name: 'S', timeZone, layers: [layer], overrides: [] };
          const to = from + length;
          const result = finalSchedule(schedule, from, to);
          expectTiling(result.entries, result.gaps, from, to);
          expect(result.overlaps).toEqual([]);
          for (const instant of probes([...result.entries, ...result.gaps], from, to)) {
            const expected = turnAt(timeZone, layer, instant);
            const entry = entryAt(result.entries, instant);
            if (expected?.allowed) {
              expect(entry).toMatchObject({ source: 'layer', layerId: 'L', turn: expected.turn });
              expect(entry!.member).toBe(layer.members[expected.turn % layer.members.length]);
            } else {
              expect(entry).toBeUndefined();
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('layerShifts are ordered, disjoint, inside the allowed windows and held by the turn’s member', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        layerArb('L'),
        rangeArb(21),
        (timeZone, layer, { from, length }) => {
          const schedule: Schedule = { id: 's', name: 'S', timeZone, layers: [layer], overrides: [] };
          const shifts = layerShifts(schedule, 'L', from, from + length);
          shifts.forEach((shift, i) => {
            expect(shift.end).toBeGreaterThan(shift.start);
            if (i > 0) expect(shift.start).toBeGreaterThanOrEqual(shifts[i - 1]!.end);
            expect(shift.member).toBe(layer.members[shift.turn % layer.members.length]);
            for (const instant of [shift.start, Math.floor((shift.start + shift.end) / 2), shift.end - 1]) {
              expect(turnAt(timeZone, layer, instant)).toEqual({ turn: shift.turn, allowed: true });
            }
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('across layers and overrides', () => {
  const overrideArb = fc.record({
    offset: fc.integer({ min: -DAY, max: 10 * DAY }),
    length: fc.integer({ min: 1, max: 3 * DAY }),
    scope: fc.constantFrom(undefined, 'A', 'B', 'C'),
    who: fc.integer({ min: 0, max: 2 }),
  });

  it('pages whom precedence says at every edge, with gaps where nobody is', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.tuple(layerArb('A'), layerArb('B'), layerArb('C')),
        rangeArb(10),
        fc.array(overrideArb, { maxLength: 6 }),
        (timeZone, layers, { from, length }, rawOverrides) => {
          const overrides: Override[] = rawOverrides.map(({ offset, length: span, scope, who }, i) => ({
            id: `o${i}`,
            start: from + offset * MINUTE,
            end: from + (offset + span) * MINUTE,
            member: { name: `O${who}` },
            ...(scope === undefined ? {} : { layerId: scope }),
          }));
          const schedule: Schedule = { id: 's', name: 'S', timeZone, layers, overrides };
          const to = from + length;
          const result = finalSchedule(schedule, from, to);
          expectTiling(result.entries, result.gaps, from, to);
          for (const instant of probes([...result.entries, ...result.gaps, ...overrides], from, to)) {
            const expected = expectedAt(schedule, instant);
            const entry = entryAt(result.entries, instant);
            if (expected === null) expect(entry).toBeUndefined();
            else
              expect({ who: entry?.member.name, source: entry?.source, layerId: entry?.layerId }).toEqual(
                expected,
              );
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
