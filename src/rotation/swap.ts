// Swapping two shifts: a swap is two overrides, each scoped to the layer of the shift it covers. The member of
// shift B takes shift A's time and the member of A takes B's; the layers above still win as they did. The
// overrides hold instants, so editing the layer later does not move them: the UI shows them as overrides.
import { layerIn, compile, shiftsOf } from './layer';
import type { LayerShift, Override, Schedule } from './model';
import { sameMember } from './on-call';

/** Whether a layer of the schedule has this shift, exactly, in its rotation today. */
function isShiftOf(schedule: Schedule, shift: LayerShift): boolean {
  const cl = layerIn(compile(schedule), shift.layerId);
  return shiftsOf(cl, shift.start, shift.end, false).some(
    (s) =>
      s.turn === shift.turn &&
      s.start === shift.start &&
      s.end === shift.end &&
      s.memberIndex === shift.memberIndex,
  );
}

/** An id for a new override, made unique among the schedule's overrides with a counter. */
function freshId(schedule: Schedule, base: string, taken: ReadonlySet<string>): string {
  const used = new Set([...taken, ...schedule.overrides.map((override) => override.id)]);
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The two overrides that swap shift A and shift B (from layerShifts): B's member on A's time, A's member on
 * B's time. Add both to the schedule's overrides. Throws a RangeError when a shift is not one of the
 * schedule's, when both belong to the same person, or when they overlap.
 */
export function swapShifts(schedule: Schedule, a: LayerShift, b: LayerShift): [Override, Override] {
  for (const [label, shift] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (!isShiftOf(schedule, shift)) {
      throw new RangeError(
        `Rotation: shift ${label} is not a shift of layer ${JSON.stringify(shift.layerId)} as it is now`,
      );
    }
  }
  if (sameMember(a.member, b.member)) {
    throw new RangeError(`Rotation: both shifts are ${a.member.name}'s: there is nothing to swap`);
  }
  if (a.start < b.end && b.start < a.end)
    throw new RangeError('Rotation: the shifts overlap: swap shifts at different times');
  const first = freshId(schedule, `swap-${a.layerId}-${a.turn}-${b.layerId}-${b.turn}`, new Set());
  const second = freshId(schedule, `swap-${b.layerId}-${b.turn}-${a.layerId}-${a.turn}`, new Set([first]));
  return [
    { id: first, start: a.start, end: a.end, member: b.member, layerId: a.layerId },
    { id: second, start: b.start, end: b.end, member: a.member, layerId: b.layerId },
  ];
}
