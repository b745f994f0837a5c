// Checks a pulled page record by record: valid records go on to the store, invalid ones are set aside with a
// message that names the record and the field, so one bad ticket never blocks a whole source.
import type { z } from 'zod';
import type { PullPage } from '../connectors/connector';
import { customerRecordSchema, ticketRecordSchema } from '../connectors/record-schemas';
import type { CustomerRecord, TicketRecord } from '../domain/ticket';

export interface CheckedPage {
  customers: CustomerRecord[];
  tickets: TicketRecord[];
  /** One line per refused record. */
  problems: string[];
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function idOf(record: unknown): string {
  const id = (record as { externalId?: unknown } | null)?.externalId;
  return typeof id === 'string' ? id.slice(0, 80) : '(no id)';
}

function checkAll<T extends { source: string }>(
  kind: string,
  source: string,
  records: readonly unknown[],
  schema: z.ZodType<T>,
  problems: string[],
): T[] {
  const valid: T[] = [];
  for (const record of records) {
    const parsed = schema.safeParse(record);
    if (!parsed.success) problems.push(`${kind} ${idOf(record)}: ${describe(parsed.error)}`);
    else if (parsed.data.source !== source)
      problems.push(`${kind} ${idOf(record)}: comes from another source`);
    else valid.push(parsed.data);
  }
  return valid;
}

export function checkPage(source: string, page: PullPage): CheckedPage {
  const problems: string[] = [];
  const customers = checkAll('customer', source, page.customers, customerRecordSchema, problems);
  const tickets = checkAll('ticket', source, page.tickets, ticketRecordSchema, problems);
  return { customers, tickets, problems };
}
