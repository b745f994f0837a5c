// Builders for the records a connector hands the store (TicketRecord, CustomerRecord): a test names what
// identifies a record and the instants it stores, overrides what it is about, and gets neutral defaults for the
// rest. No test framework is imported here: the vitest suites and the Playwright specs (tsconfig.e2e.json) share it.
import type { CustomerRecord, TicketRecord } from '../../src/domain/ticket';

/** What identifies a ticket and when it was created and last changed; there is no default instant. */
export type TicketFields = Pick<
  TicketRecord,
  'source' | 'externalId' | 'customerExternalId' | 'createdAt' | 'updatedAt'
> &
  Partial<TicketRecord>;

/** What identifies a customer and when it last changed; there is no default instant. */
export type CustomerFields = Pick<CustomerRecord, 'source' | 'externalId' | 'updatedAt'> &
  Partial<CustomerRecord>;

/** A new P3 incident with no reply, notes or reported history, subject "Ticket <externalId>", plus `fields`. */
export function ticketRecord(fields: TicketFields): TicketRecord {
  return {
    subject: `Ticket ${fields.externalId}`,
    description: '',
    priority: 'P3',
    kind: 'incident',
    cveId: null,
    severity: null,
    status: 'new',
    assignee: null,
    firstResponseAt: null,
    resolvedAt: null,
    notes: [],
    history: [],
    ...fields,
  };
}

/** A customer "Customer <externalId>" in Amsterdam with no contacts or uptime promise, plus `fields`. */
export function customerRecord(fields: CustomerFields): CustomerRecord {
  return {
    name: `Customer ${fields.externalId}`,
    tam: null,
    leadEngineer: null,
    uptimePromise: null,
    timeZone: 'Europe/Amsterdam',
    ...fields,
  };
}
