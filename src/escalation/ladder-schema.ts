// The escalation ladder in contracts.json (docs/contracts.md, "Escalation ladder"): its schema, referenced by
// src/sla/contracts.ts as the optional `escalation` of each priority, its compiled form, and the default
// ladder a priority gets when it has none.
//
//   "escalation": { "steps": [ { "after": "0m", "notify": [target, …] }, … ], "repeat": K }
//   target: { "onCall": "<schedule name>" | "*" } | { "person": { "name", "phone"?, "email"? } }
//         | "leadEngineer" | "tam"
//
// `after` is real elapsed time since the ticket was created (wall clock, 24/7: never business hours), written
// like the SLA durations ("0m", "15m", "1h30m"; a day "d" is 24 hours here), each step strictly later than
// the one before. `repeat` (0–9, default 0) runs the ladder again K times; a round lasts until the last step
// has been current as long as the step before it was (the last step's `after` plus the gap before it), so
// steps at 0, 15 and 30 min repeat at 45, 60 and 75 min. A ladder whose only step is at 0m cannot repeat.
// Validation messages name the JSON path through contracts.ts's ContractsError, e.g.
// `policies.standard.priorities.P1.escalation.steps[1].after: must be later than the step before (15m)`.
import { z } from 'zod';
import { PRIORITIES } from '../domain/ticket';
import type { Priority } from '../domain/ticket';

const MINUTE_MS = 60_000;
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;
const MAX_REPEAT = 9;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const TARGET_HELP = 'use "leadEngineer", "tam", { "onCall": "<schedule>" } or { "person": { "name": … } }';

/** The minutes of an escalation duration ("0m", "15m", "1h30m", "1d" = 24 h), or null when it is not one. */
export function escalationMinutes(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match || text === '') return null;
  return Number(match[1] ?? 0) * 1440 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** An object schema that refuses unknown keys, naming the keys it knows. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key (expected ${known})` : undefined),
  });
}

const text = z.string().superRefine((value, ctx) => {
  if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty' });
});

const email = z.string().superRefine((value, ctx) => {
  if (!EMAIL.test(value.trim())) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not an e-mail address` });
  }
});

const personSchema = strict({ name: text, phone: text.optional(), email: email.optional() });
const onCallTarget = strict({ onCall: text });
const personTarget = strict({ person: personSchema });

/** A named person on a ladder, as contracts.json writes them. */
export type LadderPerson = z.infer<typeof personSchema>;

/**
 * Whom a step notifies: whoever is on call in a schedule (`"*"`: in any schedule of the data folder), a
 * named person, or the customer's lead engineer or technical account manager from the ticket system's data.
 */
export type LadderTarget = 'leadEngineer' | 'tam' | { onCall: string } | { person: LadderPerson };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'an object';
  return JSON.stringify(value) ?? typeof value;
}

/** One target, checked by its form so a message names what is wrong inside it, not just "invalid input". */
const targetSchema = z.unknown().transform((value, ctx): LadderTarget => {
  if (value === 'leadEngineer' || value === 'tam') return value;
  const schema = !isRecord(value)
    ? null
    : 'onCall' in value
      ? onCallTarget
      : 'person' in value
        ? personTarget
        : null;
  if (!schema) {
    ctx.addIssue({ code: 'custom', message: `${describeValue(value)} is not a target (${TARGET_HELP})` });
    return z.NEVER;
  }
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) {
    // Handed on as they are, so contracts.ts words them like every other issue ("missing", "expected a
    // string").
    ctx.issues.push(...(result.error.issues as z.core.$ZodRawIssue[]));
    return z.NEVER;
  }
  return result.data;
});

const afterSchema = z.string().superRefine((value, ctx) => {
  if (escalationMinutes(value) === null) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is not a duration (use e.g. "0m", "15m", "1h")`,
    });
  }
});

const stepSchema = strict({
  after: afterSchema,
  notify: z.array(targetSchema).superRefine((targets, ctx) => {
    if (targets.length === 0) ctx.addIssue({ code: 'custom', message: 'must name at least one target' });
  }),
});

const repeatSchema = z.number().superRefine((value, ctx) => {
  if (!(Number.isInteger(value) && value >= 0 && value <= MAX_REPEAT)) {
    ctx.addIssue({ code: 'custom', message: `${value} is not a whole number from 0 to ${MAX_REPEAT}` });
  }
});

/** The `escalation` of a priority in contracts.json. */
export const escalationSchema = strict({
  steps: z.array(stepSchema).superRefine((steps, ctx) => {
    if (steps.length === 0) ctx.addIssue({ code: 'custom', message: 'must have at least one step' });
    steps.forEach((step, i) => {
      const before = steps[i - 1];
      if (!before) return;
      const minutes = escalationMinutes(step.after);
      const previous = escalationMinutes(before.after);
      if (minutes !== null && previous !== null && minutes <= previous) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'after'],
          message: `must be later than the step before (${before.after})`,
        });
      }
    });
  }),
  repeat: repeatSchema.optional(),
}).superRefine((ladder, ctx) => {
  const only = ladder.steps.length === 1 ? ladder.steps[0]! : null;
  if ((ladder.repeat ?? 0) > 0 && only && escalationMinutes(only.after) === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['repeat'],
      message: `a ladder whose only step is at ${only.after} cannot repeat (give the step a later "after")`,
    });
  }
});

/** An escalation ladder as contracts.json writes it. */
export type EscalationSpec = z.infer<typeof escalationSchema>;

export interface LadderStepSpec {
  /** As written ("15m"). */
  after: string;
  /** Real elapsed milliseconds since the ticket's creation. */
  afterMs: number;
  notify: LadderTarget[];
}

/** A ladder ready to run: steps in time order, how often it runs again, and how long one round lasts. */
export interface Ladder {
  steps: LadderStepSpec[];
  /** How many times the ladder runs again after the first round (0: once). */
  repeat: number;
  /** Round r's steps fire `r × roundMs` after round 0's: the last step's `after` plus the gap before it. */
  roundMs: number;
  /** Whether this is the default ladder (the priority has no `escalation` in contracts.json). */
  isDefault: boolean;
}

export type EscalationLadders = Record<Priority, Ladder>;

/** Minutes of the default ladder's steps per priority: on-call at once, then lead engineer, then TAM. */
const DEFAULT_LADDER_MINUTES: Record<Priority, readonly [number, number, number]> = {
  P1: [0, 15, 30],
  P2: [0, 30, 60],
  P3: [0, 60, 120],
  P4: [0, 60, 120],
};

function compile(spec: EscalationSpec, isDefault: boolean): Ladder {
  const steps = spec.steps.map((step) => ({
    after: step.after,
    afterMs: escalationMinutes(step.after)! * MINUTE_MS,
    notify: step.notify,
  }));
  const last = steps[steps.length - 1]!.afterMs;
  const before = steps[steps.length - 2]?.afterMs ?? 0;
  return { steps, repeat: spec.repeat ?? 0, roundMs: last + (last - before), isDefault };
}

/** The default ladder of a priority: whoever is on call (any schedule), then lead engineer, then TAM. */
function defaultLadder(priority: Priority): Ladder {
  const [onCall, lead, tam] = DEFAULT_LADDER_MINUTES[priority];
  const after = (minutes: number) => `${minutes}m`;
  return compile(
    {
      steps: [
        { after: after(onCall), notify: [{ onCall: '*' }] },
        { after: after(lead), notify: ['leadEngineer'] },
        { after: after(tam), notify: ['tam'] },
      ],
    },
    true,
  );
}

/** The ladder of every priority of a validated policy: its own, else the default. */
export function escalationLadders(
  priorities: Record<Priority, { escalation?: EscalationSpec | undefined }>,
): EscalationLadders {
  return Object.fromEntries(
    PRIORITIES.map((priority) => {
      const spec = priorities[priority].escalation;
      return [priority, spec ? compile(spec, false) : defaultLadder(priority)];
    }),
  ) as EscalationLadders;
}
