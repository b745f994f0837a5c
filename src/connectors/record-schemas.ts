// Zod schemas for what a connector hands over: every record from a ticket system is checked before it is stored.
import { z } from 'zod';
import {
  PRIORITIES,
  TICKET_KINDS,
  TICKET_MILESTONES,
  TICKET_STATUSES,
  type CustomerRecord,
  type NoteRecord,
  type TicketChange,
} from '../domain/ticket';
import type { PulledTicket, TicketAddition, Tombstone } from './connector';

/**
 * Instants a ticket system may report: from 2000-01-01 up to (not including) 2100-01-01 UTC, in ms. No ticket of
 * a system in use today predates 2000, and the bounds catch the usual corruptions: a missing date turned into 0,
 * seconds where milliseconds belong (January 1970), microseconds (around the year 55 000). Beyond 2100 nothing is
 * real, and the bound keeps every deadline Piket derives (a start plus a budget) far inside the range of Date,
 * where the SLA arithmetic and the UI's date formatting work.
 */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);
export const instantSchema = z
  .number()
  .int()
  .min(EARLIEST_INSTANT, { error: 'must be an instant in ms from 2000-01-01 UTC on' })
  .lt(LATEST_INSTANT, { error: 'must be an instant in ms before 2100-01-01 UTC' });
const text = (max: number) => z.string().max(max);

const contactSchema = z.object({
  name: text(200),
  phone: text(50).nullable(),
  email: text(320).nullable(),
});

export const customerRecordSchema = z.object({
  source: text(200),
  externalId: text(200).min(1),
  name: text(500),
  tam: contactSchema.nullable(),
  leadEngineer: contactSchema.nullable(),
  uptimePromise: text(100).nullable(),
  timeZone: text(100),
  updatedAt: instantSchema,
}) satisfies z.ZodType<CustomerRecord>;

const externalId = text(200).min(1);

export const noteRecordSchema = z.object({
  externalId,
  author: text(200),
  body: text(1_000_000),
  public: z.boolean(),
  createdAt: instantSchema,
}) satisfies z.ZodType<NoteRecord>;

export const ticketChangeSchema = z.object({
  at: instantSchema,
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  milestone: z.enum(TICKET_MILESTONES).optional(),
}) satisfies z.ZodType<TicketChange>;

export const ticketRecordSchema = z.object({
  source: text(200),
  externalId,
  customerExternalId: externalId,
  subject: text(2_000),
  description: text(1_000_000),
  priority: z.enum(PRIORITIES),
  kind: z.enum(TICKET_KINDS),
  cveId: text(100).nullable(),
  severity: text(50).nullable(),
  status: z.enum(TICKET_STATUSES),
  assignee: text(200).nullable(),
  createdAt: instantSchema,
  firstResponseAt: instantSchema.nullable(),
  resolvedAt: instantSchema.nullable(),
  updatedAt: instantSchema,
  notes: z.array(noteRecordSchema).optional(),
  history: z.array(ticketChangeSchema).optional(),
}) satisfies z.ZodType<PulledTicket>;

/**
 * The frame of an addition. Its parts (each note, each history entry, the first response) are checked one by one
 * (src/sync/page-check.ts), so one bad comment refuses that comment only.
 */
export const additionFrameSchema = z.object({
  externalId,
  notes: z.array(z.unknown()).optional(),
  history: z.array(z.unknown()).optional(),
  firstResponseAt: z.unknown().optional(),
}) satisfies z.ZodType<Pick<TicketAddition, 'externalId'>>;

export const tombstoneSchema = z
  .object({
    externalId,
    reason: z.enum(['deleted', 'merged']),
    mergedInto: externalId.optional(),
    at: instantSchema,
  })
  .refine((tombstone) => tombstone.reason === 'merged' || tombstone.mergedInto === undefined, {
    error: 'mergedInto is only for a merged ticket',
    path: ['mergedInto'],
  }) satisfies z.ZodType<Tombstone>;
