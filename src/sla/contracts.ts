// The contracts file (contracts.json): its schema, the built-in default, validation with messages that
// name the JSON path of the problem, and compilation into per-customer SLA policies with ready calendars.
//
// File format (every key is checked; unknown keys are refused):
//   calendars:     name → CalendarSpec (calendar.ts): timeZone, week, holidays, holidayRegion, …
//   policies:      name → { calendar,
//                           priorities: { P1…P4: { response, resolution, calendar?, escalation? } },
//                           pauseStatuses?, warnings?,
//                           security?: { plan?, patch?, calendar?, severities?, planMetBy?, patchMetBy? } }
//   defaultPolicy: the policy of every customer not listed in `customers`
//   customers:     customer id ('source:externalId') → policy name
// Durations are "<n>d", "<n>h", "<n>m" or combinations in that order ("1h30m", "2d4h"), all working
// time on the target's calendar; a day is that calendar's working day (workingDaySeconds: 8 h on
// Mon–Fri 09:00–17:00, 24 h on a 24/7 calendar), so "5d" on an office calendar is 40 working hours.
// A priority may run on its own calendar (P1 on a 24/7 one); the others use the policy's calendar.
// Defaults: pauseStatuses ['waiting_on_customer'], warnings [0.5, 0.75, 0.9], security plan "24h" and
// patch "72h" on a 24/7 calendar in the policy calendar's zone for severities critical and high; the plan is
// met by a reported plan_sent milestone and the patch by patch_released (planMetBy "planSent", patchMetBy
// "patchReleased"). For ticket systems that report no milestones the fallbacks are planMetBy
// "firstPublicReply" (any first public reply) and patchMetBy "resolved" (resolved or closed; a workaround never
// meets the patch).
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../domain/ticket';
import type { Priority, TicketStatus } from '../domain/ticket';
import { createCalendar, workingDaySeconds } from './calendar';
import type { BusinessCalendar, CalendarSpec } from './calendar';
import { HOLIDAY_TYPES } from './holidays';
import { WEEKDAYS } from './spec';
import { jsonPath } from '../domain/json-path';
import { escalationLadders, escalationSchema } from '../escalation/ladder-schema';
import type { EscalationLadders } from '../escalation/ladder-schema';

const FILE = 'contracts.json';
const DEFAULT_PAUSE_STATUSES: readonly TicketStatus[] = ['waiting_on_customer'];
const DEFAULT_WARNINGS: readonly number[] = [0.5, 0.75, 0.9];
/** What meets the security plan clock: a reported plan_sent milestone, or (fallback) the first public reply. */
export const PLAN_MET_BY = ['planSent', 'firstPublicReply'] as const;
export type PlanMetBy = (typeof PLAN_MET_BY)[number];
/** What meets the security patch clock: a reported patch_released milestone, or (fallback) resolved/closed. */
export const PATCH_MET_BY = ['patchReleased', 'resolved'] as const;
export type PatchMetBy = (typeof PATCH_MET_BY)[number];
const DEFAULT_SECURITY = {
  plan: '24h',
  patch: '72h',
  severities: ['critical', 'high'],
  planMetBy: 'planSent',
  patchMetBy: 'patchReleased',
} as const;
/** Statuses that stop the resolution clock; they cannot also pause it. */
export const STOP_STATUSES: readonly TicketStatus[] = ['workaround_provided', 'resolved', 'closed'];
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** A problem in the contracts file; `path` is the JSON path of the offending value ('' for the whole file). */
export class ContractsError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${FILE}: ${path === '' ? '' : `${path}: `}${problem}`);
    this.name = 'ContractsError';
  }
}

/** An object schema that refuses unknown keys, naming the keys it knows. */
function strict<Shape extends z.ZodRawShape>(shape: Shape, missing?: string) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown key (expected ${known})`;
      if (issue.code === 'invalid_type' && issue.input === undefined && missing) return missing;
      return undefined;
    },
  });
}

/** Days, hours and minutes of a duration text, or null when it is not one. */
function durationParts(text: string): [number, number, number] | null {
  const match = DURATION.exec(text);
  if (!match || text === '') return null;
  return [Number(match[1] ?? 0), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

const duration = z.string().superRefine((text, ctx) => {
  const parts = durationParts(text);
  if (!parts) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(text)} is not a duration (use e.g. "30m", "4h", "5d")`,
    });
  } else if (parts.every((n) => n === 0)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)} is zero: a target needs some time` });
  }
});

const hours = z.array(z.tuple([z.string(), z.string()]));

const calendarSchema = strict({
  timeZone: z.string(),
  week: strict(
    Object.fromEntries(WEEKDAYS.map((day) => [day, hours.optional()])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodOptional<typeof hours>
    >,
  ),
  holidays: z.array(z.string()).optional(),
  holidayRegion: z.string().optional(),
  dateOverrides: z.record(z.string(), hours).optional(),
  holidayTypes: z.array(z.enum(HOLIDAY_TYPES)).optional(),
  dutchHolidays: strict({
    goodFriday: z.boolean().optional(),
    liberationDay: z.enum(['never', 'lustrum', 'yearly']).optional(),
  }).optional(),
});

const targetsSchema = strict(
  {
    response: duration,
    resolution: duration,
    calendar: z.string().optional(),
    escalation: escalationSchema.optional(),
  },
  `missing (every policy needs response and resolution targets for ${PRIORITIES.join(', ')})`,
);

const fractions = z.array(z.number()).superRefine((list, ctx) => {
  list.forEach((fraction, i) => {
    if (!(fraction > 0 && fraction < 1)) {
      ctx.addIssue({ code: 'custom', path: [i], message: `${fraction} is not a fraction between 0 and 1` });
    } else if (i > 0 && fraction <= list[i - 1]!) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `${fraction} does not follow ${list[i - 1]!}: warnings must be ascending and unique`,
      });
    }
  });
});

const pauseStatuses = z.array(z.enum(TICKET_STATUSES)).superRefine((list, ctx) => {
  list.forEach((status, i) => {
    if (STOP_STATUSES.includes(status)) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `"${status}" stops the resolution clock, it cannot pause it`,
      });
    }
  });
});

const policySchema = strict({
  calendar: z.string(),
  priorities: strict(
    Object.fromEntries(PRIORITIES.map((priority) => [priority, targetsSchema])) as Record<
      Priority,
      typeof targetsSchema
    >,
  ),
  pauseStatuses: pauseStatuses.optional(),
  warnings: fractions.optional(),
  security: strict({
    plan: duration.optional(),
    patch: duration.optional(),
    calendar: z.string().optional(),
    severities: z.array(z.string().min(1)).optional(),
    planMetBy: z.enum(PLAN_MET_BY).optional(),
    patchMetBy: z.enum(PATCH_MET_BY).optional(),
  }).optional(),
});

const contractsSchema = strict({
  calendars: z.record(z.string(), calendarSchema),
  policies: z.record(z.string(), policySchema),
  defaultPolicy: z.string(),
  customers: z.record(z.string(), z.string()).optional(),
});

/** The contracts file as the user wrote it (defaults are applied when compiling, not written back). */
export type ContractsConfig = z.infer<typeof contractsSchema>;
export type ContractsCalendar = ContractsConfig['calendars'][string];
export type ContractsPolicy = ContractsConfig['policies'][string];

const OFFICE_HOURS: Array<[string, string]> = [['09:00', '17:00']];
const WHOLE_DAY: Array<[string, string]> = [['00:00', '24:00']];

/** A calendar open around the clock in a zone. */
function roundTheClock(timeZone: string): CalendarSpec {
  return { timeZone, week: Object.fromEntries(WEEKDAYS.map((day) => [day, WHOLE_DAY])) };
}

/** The contract we serve (DESIGN.md §3): P1 30 min / 4 h around the clock, P4 8 working hours / 5 working days. */
export const DEFAULT_CONTRACTS: ContractsConfig = {
  calendars: {
    'office-nl': {
      timeZone: 'Europe/Amsterdam',
      week: { mon: OFFICE_HOURS, tue: OFFICE_HOURS, wed: OFFICE_HOURS, thu: OFFICE_HOURS, fri: OFFICE_HOURS },
      holidayRegion: 'NL',
    },
    always: roundTheClock('Europe/Amsterdam'),
  },
  policies: {
    standard: {
      calendar: 'office-nl',
      priorities: {
        P1: { response: '30m', resolution: '4h', calendar: 'always' },
        P2: { response: '2h', resolution: '2d' },
        P3: { response: '4h', resolution: '3d' },
        P4: { response: '8h', resolution: '5d' },
      },
      pauseStatuses: ['waiting_on_customer'],
      warnings: [0.5, 0.75, 0.9],
      security: {
        plan: '24h',
        patch: '72h',
        calendar: 'always',
        severities: ['critical', 'high'],
        planMetBy: 'planSent',
        patchMetBy: 'patchReleased',
      },
    },
  },
  defaultPolicy: 'standard',
  customers: {},
};

/** A target made concrete: its budget in working seconds of its calendar. */
export interface ResolvedTarget {
  seconds: number;
  calendar: BusinessCalendar;
  calendarName: string;
  timeZone: string;
}

export interface ResolvedPolicy {
  name: string;
  targets: Record<Priority, { response: ResolvedTarget; resolution: ResolvedTarget }>;
  /**
   * Severities in lower case (a security ticket's severity is compared case-insensitively), and what meets the
   * plan and the patch clocks.
   */
  security: {
    plan: ResolvedTarget;
    patch: ResolvedTarget;
    severities: string[];
    planMetBy: PlanMetBy;
    patchMetBy: PatchMetBy;
  };
  pauseStatuses: TicketStatus[];
  /** Ascending fractions of the budget, each strictly between 0 and 1. */
  warnings: number[];
  /** Per priority: its escalation ladder (src/escalation/ladder-schema.ts), or the default one. */
  escalation: EscalationLadders;
}

export interface CompiledContracts {
  /** The policy of a customer ('source:externalId'), else the default policy. */
  policyFor(customerId: string): ResolvedPolicy;
  /** Every policy by name. */
  readonly policies: ReadonlyMap<string, ResolvedPolicy>;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value) ?? typeof value;
}

function issueError(issue: z.core.$ZodIssue): ContractsError {
  const path = [...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys':
      path.push(issue.keys[0]!);
      return new ContractsError(jsonPath(path), issue.message);
    case 'invalid_type':
      if (issue.input === undefined) {
        return new ContractsError(
          jsonPath(path),
          issue.message.startsWith('missing') ? issue.message : 'missing',
        );
      }
      return new ContractsError(
        jsonPath(path),
        `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`,
      );
    case 'invalid_value':
      return new ContractsError(
        jsonPath(path),
        `${describeValue(issue.input)} is not one of ${issue.values.map((v) => String(v)).join(', ')}`,
      );
    case 'too_big':
    case 'too_small':
      return new ContractsError(
        jsonPath(path),
        issue.origin === 'string' ? 'must not be empty' : 'expected a pair ["HH:MM", "HH:MM"]',
      );
    default:
      return new ContractsError(jsonPath(path), issue.message);
  }
}

/** Working seconds of a duration text on a calendar with the given working day. */
function durationSeconds(text: string, daySeconds: number): number {
  const [days, hoursPart, minutes] = durationParts(text)!;
  return days * daySeconds + hoursPart * 3600 + minutes * 60;
}

interface BuiltCalendar {
  name: string;
  calendar: BusinessCalendar;
  timeZone: string;
  daySeconds: number;
}

function buildCalendar(name: string, spec: CalendarSpec, path: string): BuiltCalendar {
  try {
    return {
      name,
      calendar: createCalendar(spec),
      timeZone: spec.timeZone,
      daySeconds: workingDaySeconds(spec),
    };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^Calendar: /, '');
    // Messages that start with a field ("week.mon[0]: …") extend the path; the others describe the calendar.
    const field = /^([A-Za-z]+(?:[.[][^:\s]*)?): (.*)$/s.exec(message);
    if (field && field[1]!.split(/[.[]/)[0]! in calendarSchema.shape) {
      throw new ContractsError(`${path}.${field[1]!}`, field[2]!);
    }
    throw new ContractsError(path, message);
  }
}

/** Validates the cross references and calendars and builds every policy; each calendar is built once. */
function build(config: ContractsConfig): CompiledContracts {
  const calendars = new Map<string, BuiltCalendar>();
  for (const [name, spec] of Object.entries(config.calendars)) {
    calendars.set(name, buildCalendar(name, spec, jsonPath(['calendars', name])));
  }
  const roundTheClockByZone = new Map<string, BuiltCalendar>();
  const lookup = (name: string, path: ReadonlyArray<PropertyKey>): BuiltCalendar => {
    const found = calendars.get(name);
    if (!found) {
      const known = [...calendars.keys()].map((key) => JSON.stringify(key)).join(', ') || 'none';
      throw new ContractsError(jsonPath(path), `unknown calendar ${JSON.stringify(name)} (known: ${known})`);
    }
    return found;
  };
  const target = (text: string, built: BuiltCalendar): ResolvedTarget => ({
    seconds: durationSeconds(text, built.daySeconds),
    calendar: built.calendar,
    calendarName: built.name,
    timeZone: built.timeZone,
  });

  const policies = new Map<string, ResolvedPolicy>();
  for (const [name, policy] of Object.entries(config.policies)) {
    const base = ['policies', name];
    const calendar = lookup(policy.calendar, [...base, 'calendar']);
    const targets = {} as ResolvedPolicy['targets'];
    for (const priority of PRIORITIES) {
      const entry = policy.priorities[priority];
      const own =
        entry.calendar === undefined
          ? calendar
          : lookup(entry.calendar, [...base, 'priorities', priority, 'calendar']);
      targets[priority] = {
        response: target(entry.response, own),
        resolution: target(entry.resolution, own),
      };
    }
    const security = policy.security ?? {};
    let securityCalendar: BuiltCalendar;
    if (security.calendar !== undefined) {
      securityCalendar = lookup(security.calendar, [...base, 'security', 'calendar']);
    } else {
      const zone = calendar.timeZone;
      securityCalendar =
        roundTheClockByZone.get(zone) ?? buildCalendar(`24/7 (${zone})`, roundTheClock(zone), '');
      roundTheClockByZone.set(zone, securityCalendar);
    }
    policies.set(name, {
      name,
      targets,
      security: {
        plan: target(security.plan ?? DEFAULT_SECURITY.plan, securityCalendar),
        patch: target(security.patch ?? DEFAULT_SECURITY.patch, securityCalendar),
        severities: (security.severities ?? DEFAULT_SECURITY.severities).map((s) => s.toLowerCase()),
        planMetBy: security.planMetBy ?? DEFAULT_SECURITY.planMetBy,
        patchMetBy: security.patchMetBy ?? DEFAULT_SECURITY.patchMetBy,
      },
      pauseStatuses: [...(policy.pauseStatuses ?? DEFAULT_PAUSE_STATUSES)],
      warnings: [...(policy.warnings ?? DEFAULT_WARNINGS)],
      escalation: escalationLadders(policy.priorities),
    });
  }

  const unknownPolicy = (path: ReadonlyArray<PropertyKey>, name: string): ContractsError => {
    const known = [...policies.keys()].map((key) => JSON.stringify(key)).join(', ') || 'none';
    return new ContractsError(jsonPath(path), `unknown policy ${JSON.stringify(name)} (known: ${known})`);
  };
  const fallback = policies.get(config.defaultPolicy);
  if (!fallback) throw unknownPolicy(['defaultPolicy'], config.defaultPolicy);
  const byCustomer = new Map<string, ResolvedPolicy>();
  for (const [customerId, policyName] of Object.entries(config.customers ?? {})) {
    if (!/^[^:]+:./.test(customerId)) {
      throw new ContractsError(
        jsonPath(['customers', customerId]),
        'a customer id is written "source:externalId"',
      );
    }
    const policy = policies.get(policyName);
    if (!policy) throw unknownPolicy(['customers', customerId], policyName);
    byCustomer.set(customerId, policy);
  }
  return { policies, policyFor: (customerId) => byCustomer.get(customerId) ?? fallback };
}

/** Validates a parsed JSON value as a contracts file; throws ContractsError naming the first problem. */
/** What validation already built, by config object, so compiling a freshly parsed file builds nothing again. */
const compiledByConfig = new WeakMap<ContractsConfig, CompiledContracts>();

export function parseContracts(input: unknown): ContractsConfig {
  const result = contractsSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw issueError(result.error.issues[0]!);
  compiledByConfig.set(result.data, build(result.data));
  return result.data;
}

/** Builds the policies of a contracts file (throws ContractsError like parseContracts on a bad one). */
export function compileContracts(config: ContractsConfig): CompiledContracts {
  let compiled = compiledByConfig.get(config);
  if (!compiled) {
    compiled = build(config);
    compiledByConfig.set(config, compiled);
  }
  return compiled;
}
