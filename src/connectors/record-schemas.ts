// Zod schemas for what a connector hands over: every record from a ticket system is checked before it is stored.
import { z } from 'zod';
import {
  PRIORITIES,
  TICKET_KINDS,
  TICKET_MILESTONES,
  TICKET_STATUSES,
  type CustomerRecord,
  type TicketRecord,
} from '../domain/ticket';

/**
 * Instants a ticket system may report: from 2000-01-01 up to (not including) 2100-01-01 UTC, in ms. No ticket of
 * a system in use today predates 2000, and the bounds catch the usual corruptions: a missing date turned into 0,
 * seconds where milliseconds belong (January 1970), microseconds (around the year 55 000). Beyond 2100 nothing is
 * real, and the bound keeps every deadline Piket derives (a start plus a budget) far inside the range of Date,
 * where the SLA arithmetic and the UI's date formatting work.
 */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);
const instant = z
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
  updatedAt: instant,
}) satisfies z.ZodType<CustomerRecord>;

export const ticketRecordSchema = z.object({
  source: text(200),
  externalId: text(200).min(1),
  customerExternalId: text(200).min(1),
  subject: text(2_000),
  description: text(1_000_000),
  priority: z.enum(PRIORITIES),
  kind: z.enum(TICKET_KINDS),
  cveId: text(100).nullable(),
  severity: text(50).nullable(),
  status: z.enum(TICKET_STATUSES),
  assignee: text(200).nullable(),
  createdAt: instant,
  firstResponseAt: instant.nullable(),
  resolvedAt: instant.nullable(),
  updatedAt: instant,
  notes: z.array(
    z.object({
      externalId: text(200).min(1),
      author: text(200),
      body: text(1_000_000),
      public: z.boolean(),
      createdAt: instant,
    }),
  ),
  history: z.array(
    z.object({
      at: instant,
      status: z.enum(TICKET_STATUSES).optional(),
      priority: z.enum(PRIORITIES).optional(),
      milestone: z.enum(TICKET_MILESTONES).optional(),
    }),
  ),
}) satisfies z.ZodType<TicketRecord>;
