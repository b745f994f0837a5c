// The ticket vocabulary shared by every layer: priorities, kinds, statuses and the records the store keeps.
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_KINDS = ['incident', 'request', 'security'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const TICKET_STATUSES = [
  'new',
  'acknowledged',
  'in_progress',
  'waiting_on_customer',
  'workaround_provided',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket still needs work from the support team or the customer. */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'new',
  'acknowledged',
  'in_progress',
  'waiting_on_customer',
  'workaround_provided',
];

export function isOpenStatus(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Milestones a ticket system reports for a security ticket: the plan of approach went to the customer, the patch
 * was released. They meet the security clocks when the policy says so (docs/contracts.md).
 */
export const TICKET_MILESTONES = ['plan_sent', 'patch_released'] as const;
export type TicketMilestone = (typeof TICKET_MILESTONES)[number];

/**
 * One server-reported change of a ticket: its status, its priority and/or a milestone reached, in server time
 * (UTC ms). The SLA engine sees no change after the instant it computes for, and counts one before the ticket's
 * creation as made at creation.
 */
export interface TicketChange {
  at: number;
  status?: TicketStatus;
  priority?: Priority;
  milestone?: TicketMilestone;
}

/** A ticket as a ticket system reports it; all instants are server times in UTC milliseconds. */
export interface TicketRecord {
  source: string;
  externalId: string;
  customerExternalId: string;
  subject: string;
  description: string;
  priority: Priority;
  kind: TicketKind;
  cveId: string | null;
  severity: string | null;
  status: TicketStatus;
  assignee: string | null;
  createdAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  updatedAt: number;
  notes: NoteRecord[];
  /**
   * Status and priority changes and milestones, oldest first; the first entry is the state at creation. Empty
   * when the system does not report history: then the SLA engine rebuilds an approximate one from the
   * timestamps above (src/sla/sla-ticket.ts) and marks the ticket's clocks approximate.
   */
  history: TicketChange[];
}

/** A comment on a ticket; `public` notes are replies the customer sees, the others are internal. */
export interface NoteRecord {
  externalId: string;
  author: string;
  body: string;
  public: boolean;
  createdAt: number;
}

/** A person on the escalation ladder of a contract. */
export interface ContactPerson {
  name: string;
  phone: string | null;
  email: string | null;
}

/** A customer with the contract terms that matter on call. */
export interface CustomerRecord {
  source: string;
  externalId: string;
  name: string;
  tam: ContactPerson | null;
  leadEngineer: ContactPerson | null;
  uptimePromise: string | null;
  timeZone: string;
  updatedAt: number;
}
