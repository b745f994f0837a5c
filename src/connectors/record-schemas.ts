// Zod schemas for what a connector hands over: every record from a ticket system is checked before it is stored.
import { z } from 'zod';
import {
  PRIORITIES,
  TICKET_KINDS,
  TICKET_STATUSES,
  type CustomerRecord,
  type TicketRecord,
} from '../domain/ticket';

const instant = z.number().int().nonnegative();
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
    }),
  ),
}) satisfies z.ZodType<TicketRecord>;
