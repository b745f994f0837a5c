// Validation of a stored or edited schedule (model.ts) with zod, with messages that name the JSON path of the
// problem, as the contracts file does: 'schedule: layers[0].handoff: "9:00" is not a time of day (use HH:MM)'.
// Every key is checked and unknown keys are refused. Besides the shapes it checks what ties them together:
// unique layer and override ids, an override's layer exists, a layer starts at its handoff time and ends after
// it starts, an override ends after it starts. Instants lie in [2000-01-01, 2100-01-01) UTC, as in sync.
import { z } from 'zod';
import { isTimeZone, parseLocalDateTime, parseWallTime } from './local-time';
import type { Schedule } from './model';
import { jsonPath } from '../domain/json-path';

const MIN_INSTANT = Date.UTC(2000, 0, 1);
const MAX_INSTANT = Date.UTC(2100, 0, 1);
const MAX_EVERY = 1000;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A problem in a schedule; `path` is the JSON path of the offending value ('' for the whole schedule). */
export class ScheduleError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    label = 'schedule',
  ) {
    super(`${label}: ${path === '' ? '' : `${path}: `}${problem}`);
    this.name = 'ScheduleError';
  }
}

export interface ScheduleProblem {
  path: string;
  message: string;
}

/** A schema whose values must also pass `problem` (null: fine; else the message). */
function checked<T extends z.ZodType>(schema: T, problem: (value: z.output<T>) => string | null) {
  return schema.superRefine((value, ctx) => {
    const message = problem(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  });
}

/** An object schema that refuses unknown keys, naming the keys it knows. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key (expected ${known})` : undefined),
  });
}

const quote = (value: unknown) => JSON.stringify(value) ?? String(value);

const text = checked(z.string(), (value) => (value.trim() === '' ? 'must not be empty' : null));
const timeZone = checked(z.string(), (value) =>
  isTimeZone(value) ? null : `${quote(value)} is not an IANA time zone (e.g. Europe/Amsterdam)`,
);
const wallTime = checked(z.string(), (value) =>
  parseWallTime(value) === null ? `${quote(value)} is not a time of day (use HH:MM, 00:00–23:59)` : null,
);
const endTime = checked(z.string(), (value) =>
  parseWallTime(value, true) === null
    ? `${quote(value)} is not a time of day (use HH:MM, 00:00–24:00)`
    : null,
);
const localDateTime = checked(z.string(), (value) => {
  const minutes = parseLocalDateTime(value);
  if (minutes === null) {
    return `${quote(value)} is not a local date and time (use YYYY-MM-DDTHH:MM, e.g. 2026-03-30T09:00)`;
  }
  const year = Number(value.slice(0, 4));
  return year < 2000 || year > 2099 ? `${quote(value)} lies outside the years 2000–2099` : null;
});
const isoWeekday = checked(z.number(), (value) =>
  Number.isInteger(value) && value >= 1 && value <= 7
    ? null
    : `${quote(value)} is not a weekday (1 = Monday … 7 = Sunday)`,
);
const isInstant = (value: number) => Number.isInteger(value) && value >= MIN_INSTANT && value < MAX_INSTANT;
const instant = checked(z.number(), (value) =>
  isInstant(value) ? null : `${quote(value)} is not an instant in UTC milliseconds from 2000 to 2100`,
);

const memberSchema = strict({
  name: text,
  email: checked(z.string(), (value) =>
    EMAIL.test(value) ? null : `${quote(value)} is not an e-mail address`,
  ).optional(),
  phone: text.optional(),
  timeZone: timeZone.optional(),
});

const restrictionSchema = z.discriminatedUnion(
  'kind',
  [
    strict({ kind: z.literal('daily'), from: wallTime, to: endTime }),
    strict({
      kind: z.literal('weekly'),
      fromDay: isoWeekday,
      from: wallTime,
      toDay: isoWeekday,
      to: endTime,
    }),
  ],
  { error: 'expected kind "daily" { from, to } or "weekly" { fromDay, from, toDay, to }' },
);

const layerSchema = strict({
  id: text,
  name: text,
  members: z.array(memberSchema).min(1, { error: 'a layer needs at least one member' }),
  rotation: strict({
    every: checked(z.number(), (value) =>
      Number.isInteger(value) && value >= 1 && value <= MAX_EVERY
        ? null
        : `${quote(value)} is not a whole number from 1 to ${MAX_EVERY}`,
    ),
    unit: z.enum(['hours', 'days', 'weeks']),
  }),
  handoff: wallTime,
  start: localDateTime,
  end: localDateTime.optional(),
  restrictions: z.array(restrictionSchema).optional(),
}).superRefine((layer, ctx) => {
  const start = parseLocalDateTime(layer.start);
  if (start === null || parseWallTime(layer.handoff) === null) return;
  if (layer.start.slice(11) !== layer.handoff) {
    ctx.addIssue({
      code: 'custom',
      path: ['start'],
      message: `${quote(layer.start)} is not at the handoff time ${layer.handoff}: the first handoff starts the layer`,
    });
  }
  const end = layer.end === undefined ? null : parseLocalDateTime(layer.end);
  if (end !== null && end <= start) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: `${quote(layer.end)} is not after the start` });
  }
});

const overrideSchema = strict({
  id: text,
  start: instant,
  end: instant,
  member: memberSchema,
  layerId: text.optional(),
}).superRefine((override, ctx) => {
  if (isInstant(override.start) && isInstant(override.end) && override.end <= override.start) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'an override must end after it starts' });
  }
});

/** Reports an id that an earlier element of the same list already has. */
function uniqueIds(ids: readonly string[], list: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [list, i, 'id'],
        message: `${quote(id)} is also ${list}[${first}]'s id`,
      });
  });
}

const scheduleSchema: z.ZodType<Schedule> = strict({
  id: text,
  name: text,
  timeZone,
  layers: z.array(layerSchema),
  overrides: z.array(overrideSchema),
}).superRefine((schedule, ctx) => {
  uniqueIds(
    schedule.layers.map((layer) => layer.id),
    'layers',
    ctx,
  );
  uniqueIds(
    schedule.overrides.map((override) => override.id),
    'overrides',
    ctx,
  );
  const layerIds = schedule.layers.map((layer) => layer.id);
  schedule.overrides.forEach((override, i) => {
    if (override.layerId !== undefined && !layerIds.includes(override.layerId)) {
      const known = layerIds.map(quote).join(', ') || 'none';
      ctx.addIssue({
        code: 'custom',
        path: ['overrides', i, 'layerId'],
        message: `unknown layer ${quote(override.layerId)} (layers: ${known})`,
      });
    }
  });
});

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return quote(value);
}

function problemOf(issue: z.core.$ZodIssue): ScheduleProblem {
  const path = [...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path: jsonPath([...path, issue.keys[0]!]), message: issue.message };
    case 'invalid_type':
      return {
        path: jsonPath(path),
        message:
          issue.input === undefined
            ? 'missing'
            : `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`,
      };
    case 'invalid_value':
      return {
        path: jsonPath(path),
        message: `${describeValue(issue.input)} is not one of ${issue.values.map((v) => String(v)).join(', ')}`,
      };
    default:
      return { path: jsonPath(path), message: issue.message };
  }
}

/** Every problem of a value as a schedule, in document order; empty when it is a valid schedule. */
export function scheduleProblems(value: unknown): ScheduleProblem[] {
  const result = scheduleSchema.safeParse(value, { reportInput: true });
  return result.success ? [] : result.error.issues.map(problemOf);
}

/** The value as a schedule; throws a ScheduleError naming the first problem. `label` starts the message. */
export function parseSchedule(value: unknown, label = 'schedule'): Schedule {
  const result = scheduleSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const first = problemOf(result.error.issues[0]!);
  throw new ScheduleError(first.path, first.message, label);
}
