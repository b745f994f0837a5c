// The schedule editor's form, as plain fields, and the schedule it stands for. A layer's start and end are a date in
// the form and the handoff time in the schedule (the first handoff starts the layer); empty optional fields are left
// out. Problems come from the core's own check (scheduleProblems), each at the JSON path of the field it is about.
import type { Layer, Member, Restriction, RotationUnit, Schedule } from '../../src/rotation/model';
import type { ScheduleProblem } from '../../src/rotation/schedule-schema';

export interface LayerForm {
  id: string;
  name: string;
  members: Member[];
  /** As typed in a number field (empty: 0); the core says what is wrong with it. */
  every: string;
  unit: RotationUnit;
  handoff: string;
  /** 'YYYY-MM-DD' */
  startDate: string;
  /** 'YYYY-MM-DD', or empty: the layer runs on. */
  endDate: string;
  restrictions: Restriction[];
}

export interface ScheduleForm {
  /** Empty for a new schedule: made from the name when saved. */
  id: string;
  name: string;
  timeZone: string;
  layers: LayerForm[];
}

/** A new layer handing off weekly at 09:00 from `today`, with one member to fill in. */
export function newLayer(id: string, name: string, today: string): LayerForm {
  return {
    id,
    name,
    members: [{ name: '' }],
    every: '1',
    unit: 'weeks',
    handoff: '09:00',
    startDate: today,
    endDate: '',
    restrictions: [],
  };
}

function layerForm(layer: Layer): LayerForm {
  return {
    id: layer.id,
    name: layer.name,
    members: layer.members.map((member) => ({ ...member })),
    every: String(layer.rotation.every),
    unit: layer.rotation.unit,
    handoff: layer.handoff,
    startDate: layer.start.slice(0, 10),
    endDate: layer.end?.slice(0, 10) ?? '',
    restrictions: (layer.restrictions ?? []).map((restriction) => ({ ...restriction })),
  };
}

/** The form of a schedule, or of a new one in `zone` with one layer from `today`. */
export function scheduleForm(schedule: Schedule | null, zone: string, today: string): ScheduleForm {
  if (schedule === null)
    return { id: '', name: '', timeZone: zone, layers: [newLayer('layer-1', 'Primary', today)] };
  return {
    id: schedule.id,
    name: schedule.name,
    timeZone: schedule.timeZone,
    layers: schedule.layers.map(layerForm),
  };
}

function member(form: Member): Member {
  const result: Member = { name: form.name };
  if (form.email?.trim()) result.email = form.email.trim();
  if (form.phone?.trim()) result.phone = form.phone.trim();
  if (form.timeZone?.trim()) result.timeZone = form.timeZone.trim();
  return result;
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'schedule'
  );
}

/** An id made from a name, unique among `taken` with a counter. */
export function freshId(name: string, taken: ReadonlySet<string>): string {
  const base = slug(name);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The schedule a form stands for, with the overrides it had. `takenIds`: ids of the other schedules. */
export function scheduleOf(
  form: ScheduleForm,
  overrides: Schedule['overrides'],
  takenIds: ReadonlySet<string>,
): Schedule {
  return {
    id: form.id || freshId(form.name, takenIds),
    name: form.name,
    timeZone: form.timeZone.trim(),
    layers: form.layers.map((layer): Layer => {
      const result: Layer = {
        id: layer.id,
        name: layer.name,
        members: layer.members.map(member),
        rotation: { every: Number(layer.every), unit: layer.unit },
        handoff: layer.handoff,
        start: `${layer.startDate}T${layer.handoff}`,
      };
      if (layer.endDate !== '') result.end = `${layer.endDate}T${layer.handoff}`;
      if (layer.restrictions.length > 0) result.restrictions = layer.restrictions;
      return result;
    }),
    overrides,
  };
}

/**
 * The problems to show, each once: a layer's start or end is its date and its handoff, so while the handoff itself
 * has a problem, theirs is that one and is not repeated.
 */
export function shownProblems(problems: readonly ScheduleProblem[]): ScheduleProblem[] {
  const badHandoffs = new Set(
    problems
      .filter((p) => /^layers\[\d+\]\.handoff$/.test(p.path))
      .map((p) => p.path.replace(/\.handoff$/, '')),
  );
  return problems.filter((p) => {
    const match = /^(layers\[\d+\])\.(start|end)$/.exec(p.path);
    return !(match && badHandoffs.has(match[1]!));
  });
}

/** The messages of the problems at exactly this path, each with its path, as the core words them. */
export function problemsAt(problems: readonly ScheduleProblem[], path: string): string[] {
  return problems.filter((p) => p.path === path).map((p) => `${p.path}: ${p.message}`);
}
