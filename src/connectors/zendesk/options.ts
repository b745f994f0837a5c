// A Zendesk connection's settings (StoredConnection.options): how Zendesk's priorities, statuses and ticket types
// map onto Piket's, which tags mark a security ticket, and how far back the first sync reaches. Every setting is
// optional; docs/zendesk.md lists the defaults and why.
import { z } from 'zod';
import {
  PRIORITIES,
  TICKET_KINDS,
  TICKET_STATUSES,
  type Priority,
  type TicketKind,
  type TicketStatus,
} from '../../domain/ticket';
import { isTimeZone } from '../../rotation/local-time';

export const ZENDESK_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type ZendeskPriority = (typeof ZENDESK_PRIORITIES)[number];
export const ZENDESK_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export type ZendeskStatus = (typeof ZENDESK_STATUSES)[number];
export const ZENDESK_TYPES = ['problem', 'incident', 'question', 'task'] as const;
export type ZendeskType = (typeof ZENDESK_TYPES)[number];

export interface ZendeskSettings {
  /** How far back (days before the first sync) the first export starts. */
  startDays: number;
  /** Items per export page (tickets and ticket events; the search export takes at most 100). */
  pageSize: number;
  /** Zendesk priority → Piket priority; `none` for a ticket without a priority. */
  priorities: Record<ZendeskPriority | 'none', Priority>;
  statuses: Record<ZendeskStatus, TicketStatus>;
  /** Zendesk ticket type → Piket kind; `none` for a ticket without a type. */
  kinds: Record<ZendeskType | 'none', TicketKind>;
  /** Tags (lower case) that make a ticket a security ticket. */
  securityTags: string[];
  /** The time zone given to every customer (Zendesk organizations have none). */
  timeZone: string;
}

export const DEFAULT_SETTINGS: ZendeskSettings = {
  startDays: 90,
  pageSize: 1000,
  priorities: { urgent: 'P1', high: 'P2', normal: 'P3', low: 'P4', none: 'P3' },
  statuses: {
    new: 'new',
    open: 'in_progress',
    pending: 'waiting_on_customer',
    hold: 'in_progress',
    solved: 'resolved',
    closed: 'closed',
  },
  kinds: {
    problem: 'incident',
    incident: 'incident',
    question: 'request',
    task: 'request',
    none: 'incident',
  },
  securityTags: ['security', 'cve', 'vulnerability'],
  timeZone: 'UTC',
};

/** An object of optional `key: value` pairs with only the given keys, each value one of `values`. */
function mappingSchema<K extends string, V extends string>(
  keys: readonly K[],
  values: readonly [V, ...V[]],
): z.ZodOptional<z.ZodType<Partial<Record<K, V>>>> {
  const value = z.enum(values).optional();
  const shape = Object.fromEntries(keys.map((key) => [key, value]));
  return (z.strictObject(shape) as unknown as z.ZodType<Partial<Record<K, V>>>).optional();
}

const optionsSchema = z.strictObject({
  startDays: z.number().int().min(1).max(3650).optional(),
  pageSize: z.number().int().min(1).max(1000).optional(),
  priorities: mappingSchema([...ZENDESK_PRIORITIES, 'none'], PRIORITIES),
  statuses: mappingSchema(ZENDESK_STATUSES, TICKET_STATUSES),
  kinds: mappingSchema([...ZENDESK_TYPES, 'none'], TICKET_KINDS),
  securityTags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Amsterdam').optional(),
});

/** The settings stored options ask for, defaults filled in; throws an Error that names the bad setting. */
export function parseZendeskOptions(options: Record<string, unknown>): ZendeskSettings {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new Error(
      `The settings of this Zendesk connection are invalid (${where}${issue?.message ?? 'invalid'}).`,
    );
  }
  const given = parsed.data;
  return {
    startDays: given.startDays ?? DEFAULT_SETTINGS.startDays,
    pageSize: given.pageSize ?? DEFAULT_SETTINGS.pageSize,
    priorities: { ...DEFAULT_SETTINGS.priorities, ...given.priorities },
    statuses: { ...DEFAULT_SETTINGS.statuses, ...given.statuses },
    kinds: { ...DEFAULT_SETTINGS.kinds, ...given.kinds },
    securityTags: (given.securityTags ?? DEFAULT_SETTINGS.securityTags).map((tag) => tag.toLowerCase()),
    timeZone: given.timeZone ?? DEFAULT_SETTINGS.timeZone,
  };
}
