// One layer's rotation: its turns, its restriction windows and the shifts they give (`layerShifts`).
//
// Turns. Turn k starts at the handoff `start + k × every unit`, counted on the schedule's wall clock, and ends
// where turn k + 1 starts; members[k mod n] holds it. A handoff at 09:00 therefore stays at 09:00 local on
// both sides of a DST change: a weekly turn across the spring change lasts 167 real hours, across the autumn
// change 169; an 'hours' rotation counts wall-clock hours too (every 12 hours from 09:00: 09:00 and 21:00).
// Each handoff's instant follows the one DST rule (docs/time-rules.md): a handoff in the skipped hour moves
// forward by the gap, one in the repeated hour takes its first occurrence. Should a handoff thereby fall
// before the previous one (only possible when handoffs are closer together than the gap), it takes the
// previous one's instant and its turn is empty. Before `start` and from `end` on the layer has nobody.
//
// Restrictions. Each restriction is a window that repeats every day or week on the wall clock (its two ends
// follow the same DST rule); the layer is on call in their union, so a turn is cut to the windows and may
// give several shifts, or none. No restrictions: always.
//
// Work is linear in the turns and windows of the range asked: the first turn comes from arithmetic on the
// local time, then the turns and the windows are generated in order and intersected.
import type { Zone } from '../sla/zone';
import { checkRange, cutTo, unionOf } from './intervals';
import {
  DAY_MINUTES,
  WEEK_MINUTES,
  instantOfLocal,
  localOfInstant,
  parseLocalDateTime,
  parseWallTime,
  zoneOf,
} from './local-time';
import type { Interval, Layer, LayerShift, Restriction, Schedule } from './model';
import { parseSchedule } from './schedule-schema';

const MINUTE_MS = 60_000;
const UNIT_MINUTES = { hours: 60, days: DAY_MINUTES, weeks: WEEK_MINUTES } as const;
/** Local minutes lie within UTC−12…+14 of UTC minutes, and a gap moves them at most a day: a safe margin. */
const MARGIN_MINUTES = 2 * DAY_MINUTES;
/** 1969-12-29 00:00, a Monday: weekly windows repeat from it. */
const A_MONDAY = -3 * DAY_MINUTES;

/** A window that opens at `base + j × every` local minutes, for every whole j, and stays open `length`. */
interface WindowRule {
  base: number;
  every: number;
  length: number;
}

export interface CompiledLayer {
  layer: Layer;
  zone: Zone;
  /** Local minutes of the first handoff. */
  startLocal: number;
  /** Instant the layer ends; Infinity when it runs on. */
  end: number;
  /** Length of a turn in wall-clock minutes. */
  period: number;
  /** Empty: no restrictions. */
  rules: WindowRule[];
}

export interface CompiledSchedule {
  schedule: Schedule;
  zone: Zone;
  layers: CompiledLayer[];
}

/** A turn of a layer: [start, end) as instants. */
interface Turn extends Interval {
  turn: number;
}

function ruleOf(restriction: Restriction): WindowRule {
  const from = parseWallTime(restriction.from)!;
  const to = parseWallTime(restriction.to, true)!;
  if (restriction.kind === 'daily') {
    return { base: from, every: DAY_MINUTES, length: (to - from + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES };
  }
  const open = (restriction.fromDay - 1) * DAY_MINUTES + from;
  const close = (restriction.toDay - 1) * DAY_MINUTES + to;
  return {
    base: A_MONDAY + open,
    every: WEEK_MINUTES,
    length: (((close - open) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES || WEEK_MINUTES,
  };
}

/** Validates a schedule (throws a ScheduleError naming the JSON path) and prepares it for computing. */
export function compile(schedule: Schedule): CompiledSchedule {
  parseSchedule(schedule);
  const zone = zoneOf(schedule.timeZone);
  const layers = schedule.layers.map((layer): CompiledLayer => {
    const end = layer.end === undefined ? null : parseLocalDateTime(layer.end);
    return {
      layer,
      zone,
      startLocal: parseLocalDateTime(layer.start)!,
      end: end === null ? Infinity : instantOfLocal(zone, end),
      period: layer.rotation.every * UNIT_MINUTES[layer.rotation.unit],
      rules: (layer.restrictions ?? []).map(ruleOf),
    };
  });
  return { schedule, zone, layers };
}

/** The layer's turns that overlap [from, to), whole, in order. */
function turnsOf(cl: CompiledLayer, from: number, to: number): Turn[] {
  const turns: Turn[] = [];
  if (from >= cl.end) return turns;
  const { zone, startLocal, period } = cl;
  // Start a day's worth of turns early, so that the running maximum below has seen every handoff a gap
  // could move past the first turn asked.
  const early = Math.ceil(DAY_MINUTES / period) + 1;
  const approx = Math.floor((localOfInstant(zone, from) - startLocal) / period);
  let k = Math.max(0, approx - early);
  let start = instantOfLocal(zone, startLocal + k * period);
  while (start < to && start < cl.end) {
    const next = Math.max(start, instantOfLocal(zone, startLocal + (k + 1) * period));
    const end = Math.min(next, cl.end);
    if (end > start && end > from) turns.push({ turn: k, start, end });
    start = next;
    k++;
  }
  return turns;
}

/** The union of the layer's restriction windows within [from, to), or null when it has no restrictions. */
export function windowsOf(cl: CompiledLayer, from: number, to: number): Interval[] | null {
  if (cl.rules.length === 0) return null;
  const low = Math.floor(from / MINUTE_MS) - MARGIN_MINUTES;
  const high = Math.ceil(to / MINUTE_MS) + MARGIN_MINUTES;
  const windows: Interval[] = [];
  for (const { base, every, length } of cl.rules) {
    for (let open = base + Math.floor((low - base - length) / every) * every; open <= high; open += every) {
      const start = Math.max(from, instantOfLocal(cl.zone, open));
      const end = Math.min(to, instantOfLocal(cl.zone, open + length));
      if (end > start) windows.push({ start, end });
    }
  }
  return unionOf(windows);
}

function shiftOf(cl: CompiledLayer, turn: Turn): LayerShift {
  const memberIndex = turn.turn % cl.layer.members.length;
  return {
    layerId: cl.layer.id,
    turn: turn.turn,
    memberIndex,
    member: cl.layer.members[memberIndex]!,
    start: turn.start,
    end: turn.end,
  };
}

/**
 * The layer's shifts that overlap [from, to), in order: its turns cut to its restrictions. `clip` cuts them to
 * [from, to) too; otherwise they are whole (a shift may start before `from` and end after `to`).
 */
export function shiftsOf(cl: CompiledLayer, from: number, to: number, clip: boolean): LayerShift[] {
  const turns = turnsOf(cl, from, to);
  const first = turns[0];
  if (!first) return [];
  const span = clip ? { start: from, end: to } : { start: first.start, end: turns[turns.length - 1]!.end };
  const windows = windowsOf(cl, span.start, span.end) ?? [span];
  return cutTo(turns, windows)
    .filter((turn) => turn.end > from && turn.start < to)
    .map((turn) => shiftOf(cl, turn));
}

/** Finds a layer of a compiled schedule by id (or the layer object itself); throws when it is not there. */
export function layerIn(compiled: CompiledSchedule, layer: Layer | string): CompiledLayer {
  const id = typeof layer === 'string' ? layer : layer.id;
  const found = compiled.layers.find((cl) => cl.layer.id === id);
  if (!found) {
    const known = compiled.layers.map((cl) => JSON.stringify(cl.layer.id)).join(', ') || 'none';
    throw new RangeError(
      `Rotation: schedule ${JSON.stringify(compiled.schedule.name)} has no layer ${JSON.stringify(id)} (layers: ${known})`,
    );
  }
  return found;
}

/**
 * The shifts of one layer (given by id or as the object) that overlap [from, to): its turns cut to its
 * restrictions, whole (not cut to the range), in order. Overrides are not applied: see finalSchedule.
 */
export function layerShifts(
  schedule: Schedule,
  layer: Layer | string,
  from: number,
  to: number,
): LayerShift[] {
  checkRange(from, to);
  return shiftsOf(layerIn(compile(schedule), layer), from, to, false);
}
