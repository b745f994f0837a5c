// The parts of Zendesk's JSON that Piket reads, as zod schemas: an answer without them is not from a Zendesk (a
// protocol error), while odd values inside one record are left to the record checks of the sync, which refuse that
// record alone. Field names follow Zendesk's API reference (TicketObject, the incremental exports, search export,
// ticket audits with their metadata, Show Ticket and Update Ticket, users, organizations).
import { z } from 'zod';

const id = z.number().int();
const text = z.string().nullish();

export const ticketSchema = z.looseObject({
  id,
  subject: text,
  raw_subject: text,
  description: text,
  priority: text,
  status: z.string(),
  type: text,
  assignee_id: id.nullish(),
  organization_id: id.nullish(),
  tags: z.array(z.string()).nullish(),
  created_at: text,
  updated_at: text,
  generated_timestamp: z.number().nullish(),
});
export type ZdTicket = z.infer<typeof ticketSchema>;

const cursorMeta = z.looseObject({ has_more: z.boolean(), after_cursor: z.string().nullish() });

/** GET /api/v2/incremental/tickets/cursor (with the `metric_sets` sideload when the server gives it). */
export const ticketExportPageSchema = z.looseObject({
  tickets: z.array(ticketSchema),
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
  metric_sets: z.array(z.looseObject({ ticket_id: id, solved_at: text })).nullish(),
});

/** A child event of the ticket event export: `{ event_type, <field>: value, previous_value }` or a comment. */
const childEventSchema = z.looseObject({ id: id.nullish(), event_type: z.string() });
export type ZdChildEvent = z.infer<typeof childEventSchema>;

export const ticketEventSchema = z.looseObject({
  id,
  ticket_id: id,
  timestamp: z.number(),
  created_at: text,
  child_events: z.array(childEventSchema).nullish(),
});
export type ZdTicketEvent = z.infer<typeof ticketEventSchema>;

/** GET /api/v2/incremental/ticket_events (time-based). */
export const ticketEventsPageSchema = z.looseObject({
  ticket_events: z.array(ticketEventSchema),
  end_time: z.number().nullish(),
  end_of_stream: z.boolean(),
});

/** GET /api/v2/search/export with filter[type]=ticket. */
export const searchExportPageSchema = z.looseObject({
  results: z.array(ticketSchema),
  meta: cursorMeta,
});

const auditEventSchema = z.looseObject({
  id: id.nullish(),
  type: z.string(),
  field_name: text,
  value: z.unknown().optional(),
  author_id: id.nullish(),
  body: text,
  plain_body: text,
  public: z.boolean().nullish(),
});

export const auditSchema = z.looseObject({
  id,
  ticket_id: id,
  created_at: z.string(),
  events: z.array(auditEventSchema),
  /** `custom` holds what the update sent as `ticket.metadata` ("Setting Metadata"); `system` is Zendesk's. */
  metadata: z.looseObject({ custom: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});
export type ZdAudit = z.infer<typeof auditSchema>;

/** GET /api/v2/tickets/{id}/audits with cursor pagination. */
export const auditsPageSchema = z.looseObject({ audits: z.array(auditSchema), meta: cursorMeta });

/** GET /api/v2/tickets/{id} (Show Ticket). */
export const showTicketSchema = z.looseObject({ ticket: ticketSchema });

/** PUT /api/v2/tickets/{id} (Update Ticket): the ticket after the update, and its audit when it made one. */
export const updateAnswerSchema = z.looseObject({ ticket: ticketSchema, audit: auditSchema.nullish() });
export type ZdUpdateAnswer = z.infer<typeof updateAnswerSchema>;

export const usersSchema = z.looseObject({
  users: z.array(z.looseObject({ id, name: z.string(), role: z.string() })),
});

export const organizationsSchema = z.looseObject({
  organizations: z.array(z.looseObject({ id, name: z.string(), updated_at: text })),
});

/** GET /api/v2/users/me: an anonymous caller has no id. */
export const meSchema = z.looseObject({
  user: z.looseObject({ id: id.nullable(), name: z.string(), email: text, role: z.string() }),
});
