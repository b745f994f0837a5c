// Zod schemas for the argument of every API method; hosts validate untrusted input with these before dispatch.
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../domain/ticket';
import type { TicketAction } from '../domain/action';
import type { Schedule } from '../rotation/model';
import { ALERT_WHEN, CONNECTION_KINDS, LANGUAGES, type MethodName } from './methods';
import { decodeQueueCursor } from './queue-cursor';
import { DEFAULT_QUEUE_SORT, QUEUE_SCOPES, QUEUE_SORTS, QUEUE_VIEWS } from './queue-order';
import { isTimeZone } from '../rotation/local-time';

const empty = z.strictObject({});

/** A connection's id: also the `source` of its records and the prefix in `CONNECTION:NUMBER`. */
export const connectionIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,39}$/,
    'use 1–40 lowercase letters, digits and dashes, starting with a letter or digit',
  )
  .refine((id) => id !== 'demo', 'demo is the built-in demo desk');

/** Where a new connection's token is: an environment variable, a user-only file, or (desktop) the keychain. */
const secretSpecSchema = z.discriminatedUnion('store', [
  z.strictObject({
    store: z.literal('env'),
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'not an environment variable name'),
  }),
  z.strictObject({ store: z.literal('file'), path: z.string().min(1).max(1000) }),
  z.strictObject({ store: z.literal('keychain'), token: z.string().trim().min(1).max(500) }),
]);

/** Between two syncs: often enough for on-call work, rarely enough for the ticket systems' rate limits. */
export const MIN_SYNC_INTERVAL_SECONDS = 10;
export const MAX_SYNC_INTERVAL_SECONDS = 3600;

/** Ticket systems take comments of at most 64 KB (Zendesk); Piket keeps a note well below. */
export const MAX_NOTE_LENGTH = 30_000;
const noteBody = z
  .string()
  .trim()
  .min(1, 'write something: the text is empty')
  .max(MAX_NOTE_LENGTH, `at most ${MAX_NOTE_LENGTH} characters`);

export const ticketActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ack') }),
  z.strictObject({ kind: z.literal('note'), body: noteBody }),
  z.strictObject({ kind: z.literal('reply'), body: noteBody }),
  z.strictObject({ kind: z.literal('status'), status: z.enum(TICKET_STATUSES) }),
  z.strictObject({ kind: z.literal('priority'), priority: z.enum(PRIORITIES) }),
  z.strictObject({ kind: z.literal('assign') }),
  z.strictObject({ kind: z.literal('resolve') }),
]) satisfies z.ZodType<TicketAction>;

const ticketId = z.number().int().positive();
const changeSeq = z.number().int().positive();

export const queueQuerySchema = z
  .strictObject({
    priorities: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
    statuses: z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length).optional(),
    customerIds: z.array(z.string().min(1).max(200)).max(500).optional(),
    mine: z.boolean().optional(),
    search: z.string().max(200).optional(),
    scope: z.enum(QUEUE_SCOPES).default('open'),
    sort: z.enum(QUEUE_SORTS).default(DEFAULT_QUEUE_SORT),
    limit: z.number().int().min(1).max(1000).default(200),
    /** The `nextCursor` of the previous page (same scope and sort); the handler receives the place it holds. */
    after: z
      .string()
      .max(200)
      .transform((text, ctx) => {
        const cursor = decodeQueueCursor(text);
        if (cursor !== null) return cursor;
        ctx.addIssue({
          code: 'custom',
          message: 'not a queue cursor; pass the nextCursor of the previous page unchanged',
        });
        return z.NEVER;
      })
      .optional(),
  })
  .superRefine((query, ctx) => {
    const { after } = query;
    if (after === undefined || (after.scope === query.scope && after.sort === query.sort)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['after'],
      message:
        `this cursor continues the ${after.scope} scope sorted by ${after.sort}, not the ${query.scope} scope ` +
        `sorted by ${query.sort}; read the first page again (without after) when the scope or sort changes`,
    });
  });

const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');

/** An IANA time zone the runtime knows (Europe/Amsterdam), checked the way the clocks will use it. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(100)
  .refine(isTimeZone, 'an IANA time zone such as Europe/Amsterdam');

export const quietHoursSchema = z
  .strictObject({ from: wallTime, to: wallTime, timeZone: timeZoneSchema })
  .refine((hours) => hours.from !== hours.to, 'quiet hours must start and end at different times');

/** A schedule's name as the user gives it (looked up ignoring case). */
const scheduleName = z.string().trim().min(1).max(200);
/** An instant in UTC milliseconds, within the years rotations and sync accept (2000–2099). */
const rotationInstant = z
  .number()
  .int()
  .min(Date.UTC(2000, 0, 1), 'an instant from the year 2000 on')
  .max(Date.UTC(2100, 0, 1) - 1, 'an instant before the year 2100');

/** How long a snooze of a P1's alert window may last, in minutes. */
export const MAX_SNOOZE_MINUTES = 60;

export const argSchemas = {
  getInfo: empty,
  listQueue: queueQuerySchema,
  getQueueStats: empty,
  getTicket: z.strictObject({ id: ticketId }),
  listCustomers: empty,
  syncNow: empty,
  setDemoEnabled: z.strictObject({ enabled: z.boolean() }),
  getSettings: empty,
  updateSettings: z.strictObject({
    language: z.enum(LANGUAGES).optional(),
    me: z.string().trim().min(1).max(100).optional(),
    queueView: z.enum(QUEUE_VIEWS).optional(),
    /** The sort of one view or both; a view left out keeps its sort. */
    queueSorts: z
      .strictObject({ needsMe: z.enum(QUEUE_SORTS).optional(), queue: z.enum(QUEUE_SORTS).optional() })
      .optional(),
    syncIntervalSeconds: z
      .number()
      .int()
      .min(MIN_SYNC_INTERVAL_SECONDS, `at least ${MIN_SYNC_INTERVAL_SECONDS} seconds`)
      .max(MAX_SYNC_INTERVAL_SECONDS, `at most ${MAX_SYNC_INTERVAL_SECONDS} seconds (an hour)`)
      .optional(),
    alertWhen: z.enum(ALERT_WHEN).optional(),
    /** null ends quiet hours. */
    quietHours: quietHoursSchema.nullable().optional(),
  }),
  getContracts: empty,
  reloadContracts: empty,
  listConnections: empty,
  addConnection: z.strictObject({
    kind: z.enum(CONNECTION_KINDS),
    /** Defaults to the subdomain (acme for acme.zendesk.com). */
    id: connectionIdSchema.optional(),
    /** A full URL (https://acme.zendesk.com, or http:// on this computer only), or just the subdomain. */
    url: z.string().trim().min(1).max(500),
    email: z.email().max(320),
    secret: secretSpecSchema,
  }),
  testConnection: z.strictObject({ id: connectionIdSchema }),
  removeConnection: z.strictObject({
    id: connectionIdSchema,
    /** Confirms losing this many changes not yet sent; needed when the connection has any. */
    discardPending: z.number().int().min(0).optional(),
  }),
  /** A ticket by the number its ticket system shows, or CONNECTION:NUMBER when two connections share it. */
  findTicket: z.strictObject({ ref: z.string().trim().min(1).max(200) }),
  listChanges: empty,
  /** Holds back every alert but P1s for this many minutes from now; 0 ends a pause. */
  pauseAlerts: z.strictObject({
    minutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
  }),
  actOnTicket: z.strictObject({ id: ticketId, action: ticketActionSchema }),
  previewPriority: z.strictObject({ id: ticketId, priority: z.enum(PRIORITIES) }),
  retryChange: z.strictObject({ seq: changeSeq }),
  editChange: z.strictObject({ seq: changeSeq, action: ticketActionSchema }),
  discardChange: z.strictObject({ seq: changeSeq }),
  getOverview: empty,
  /** Keeps a waiting P1's alert window and panel away, and its reminders quiet, for this many minutes. */
  snoozeP1: z.strictObject({
    id: ticketId,
    minutes: z.number().int().min(1).max(MAX_SNOOZE_MINUTES).default(5),
  }),
  getNotificationHealth: empty,
  sendTestNotification: empty,
  listSchedules: empty,
  /** Who is on call at `at` (default now), in every schedule or the one named. */
  getOnCall: z.strictObject({ at: rotationInstant.optional(), schedule: scheduleName.optional() }),
  /** Subscribes to an iCalendar feed: an https:// or webcal:// URL, or an absolute file path. */
  importSchedule: z.strictObject({
    name: scheduleName.optional(),
    source: z.string().trim().min(1).max(2000),
  }),
  refreshSchedule: z.strictObject({ name: scheduleName }),
  /** Creates or replaces (by its id) a schedule made in Piket; the handler checks it with parseSchedule. */
  saveSchedule: z.strictObject({
    schedule: z.custom<Schedule>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      'expected a schedule (an object with id, name, timeZone, layers and overrides)',
    ),
  }),
  removeSchedule: z.strictObject({ name: scheduleName }),
  /** Default range: a week ago to 90 days ahead. `mine`: only my shifts. */
  exportSchedule: z.strictObject({
    name: scheduleName,
    from: rotationInstant.optional(),
    to: rotationInstant.optional(),
    mine: z.boolean().optional(),
  }),
  /** A schedule over [from, to), at most 62 days (the handler checks the length), for the rotation view. */
  getScheduleRange: z.strictObject({ name: scheduleName, from: rotationInstant, to: rotationInstant }),
} as const satisfies Record<MethodName, z.ZodType>;

/** One message from the browser UI over the web host's WebSocket (see wire.ts). */
export const clientMessageSchema = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  args: z.unknown(),
});

/** What a caller passes (defaults may be left out). */
export type ArgsIn<M extends MethodName> = z.input<(typeof argSchemas)[M]>;
/** What a handler receives after validation (defaults filled in). */
export type ArgsOut<M extends MethodName> = z.output<(typeof argSchemas)[M]>;
export type QueueQuery = z.output<typeof queueQuerySchema>;
