// Zod schemas for the argument of every API method; hosts validate untrusted input with these before dispatch.
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../domain/ticket';
import { LANGUAGES, type MethodName } from './methods';
import { decodeQueueCursor } from './queue-cursor';

const empty = z.strictObject({});

export const queueQuerySchema = z.strictObject({
  priorities: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
  statuses: z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length).optional(),
  customerIds: z.array(z.string().min(1).max(200)).max(500).optional(),
  mine: z.boolean().optional(),
  search: z.string().max(200).optional(),
  scope: z.enum(['open', 'all']).default('open'),
  limit: z.number().int().min(1).max(1000).default(200),
  /** The `nextCursor` of the previous page; the handler receives the key it holds. */
  after: z
    .string()
    .max(100)
    .transform((text, ctx) => {
      const key = decodeQueueCursor(text);
      if (key !== null) return key;
      ctx.addIssue({
        code: 'custom',
        message: 'not a queue cursor; pass the nextCursor of the previous page unchanged',
      });
      return z.NEVER;
    })
    .optional(),
});

export const argSchemas = {
  getInfo: empty,
  listQueue: queueQuerySchema,
  getQueueStats: empty,
  getTicket: z.strictObject({ id: z.number().int().positive() }),
  listCustomers: empty,
  syncNow: empty,
  setDemoEnabled: z.strictObject({ enabled: z.boolean() }),
  getSettings: empty,
  updateSettings: z.strictObject({
    language: z.enum(LANGUAGES).optional(),
    me: z.string().trim().min(1).max(100).optional(),
  }),
  getContracts: empty,
  reloadContracts: empty,
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
