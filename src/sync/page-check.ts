// Checks a pulled page record by record: valid records go on to the store, invalid ones are refused with a reason
// that names the field and an excerpt of what came in, so one bad ticket never blocks a whole source and the
// refusal can be kept (sync_rejects) until the record is accepted.
import type { z } from 'zod';
import { ConnectorError, type PullPage } from '../connectors/connector';
import {
  additionFrameSchema,
  customerRecordSchema,
  instantSchema,
  noteRecordSchema,
  ticketChangeSchema,
  ticketRecordSchema,
  tombstoneSchema,
} from '../connectors/record-schemas';
import type { NoteRecord, TicketChange } from '../domain/ticket';
import { changeKey, noteKey, type PullPageData, type RefusedRecord } from '../store/pull-store';

export interface CheckedPage {
  /** What may be stored. */
  page: PullPageData;
  refused: RefusedRecord[];
}

/** How much of a refused record's JSON is kept to show what came in. */
export const EXCERPT_LENGTH = 1_000;

function reasonOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function field(record: unknown, name: string): unknown {
  return typeof record === 'object' && record !== null
    ? (record as Record<string, unknown>)[name]
    : undefined;
}

/** The record's id as far as it can be read: a string (cut to 200 characters) or a number, else ''. */
function idOf(record: unknown, name = 'externalId'): string {
  const id = field(record, name);
  if (typeof id === 'string') return id.slice(0, 200);
  return typeof id === 'number' && Number.isFinite(id) ? String(id) : '';
}

function excerptOf(record: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(record) ?? String(record);
  } catch {
    json = String(record);
  }
  return json.length > EXCERPT_LENGTH ? `${json.slice(0, EXCERPT_LENGTH)}…` : json;
}

function refuse(
  refused: RefusedRecord[],
  kind: RefusedRecord['kind'],
  externalId: string,
  reason: string,
  record: unknown,
): void {
  refused.push({ kind, externalId, reason, excerpt: excerptOf(record) });
}

function checkSourced<T extends { source: string }>(
  kind: 'customer' | 'ticket',
  source: string,
  records: readonly unknown[],
  schema: z.ZodType<T>,
  refused: RefusedRecord[],
): T[] {
  const valid: T[] = [];
  for (const record of records) {
    const parsed = schema.safeParse(record);
    if (!parsed.success) refuse(refused, kind, idOf(record), reasonOf(parsed.error), record);
    else if (parsed.data.source !== source)
      refuse(refused, kind, idOf(record), `comes from another source (${parsed.data.source})`, record);
    else valid.push(parsed.data);
  }
  return valid;
}

function checkParts<T>(
  items: readonly unknown[],
  schema: z.ZodType<T>,
  onRefused: (item: unknown, reason: string) => void,
): T[] {
  const valid: T[] = [];
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else onRefused(item, reasonOf(parsed.error));
  }
  return valid;
}

/** Checks each addition part by part: a bad note or history entry is refused alone, the rest is kept. */
function checkAdditions(records: readonly unknown[], refused: RefusedRecord[]): PullPageData['additions'] {
  const additions: NonNullable<PullPageData['additions']> = [];
  for (const record of records) {
    const frame = additionFrameSchema.safeParse(record);
    if (!frame.success) {
      refuse(refused, 'addition', idOf(record), reasonOf(frame.error), record);
      continue;
    }
    const { externalId } = frame.data;
    const notes: NoteRecord[] = checkParts(frame.data.notes ?? [], noteRecordSchema, (note, reason) =>
      refuse(refused, 'note', noteKey(externalId, idOf(note)), reason, note),
    );
    const history: TicketChange[] = checkParts(
      frame.data.history ?? [],
      ticketChangeSchema,
      (change, reason) =>
        refuse(refused, 'change', changeKey(externalId, idOf(change, 'at')), reason, change),
    );
    let firstResponseAt: number | undefined;
    if (frame.data.firstResponseAt !== undefined) {
      const parsed = instantSchema.safeParse(frame.data.firstResponseAt);
      if (parsed.success) firstResponseAt = parsed.data;
      else refuse(refused, 'addition', externalId, `firstResponseAt: ${reasonOf(parsed.error)}`, record);
    }
    if (notes.length === 0 && history.length === 0 && firstResponseAt === undefined) continue;
    additions.push({
      externalId,
      ...(notes.length > 0 && { notes }),
      ...(history.length > 0 && { history }),
      ...(firstResponseAt !== undefined && { firstResponseAt }),
    });
  }
  return additions;
}

function isArrayOrAbsent(value: unknown): boolean {
  return value === undefined || Array.isArray(value);
}

/**
 * Checks a page from the connection `source` (named `label` in messages). A page whose frame is broken (no cursor,
 * no record lists) is a protocol error; within a sound frame each record is accepted or refused on its own.
 */
export function checkPage(source: string, label: string, page: PullPage): CheckedPage {
  const frame = page as Partial<Record<keyof PullPage, unknown>> | null;
  if (
    typeof frame?.cursor !== 'string' ||
    typeof frame.hasMore !== 'boolean' ||
    !Array.isArray(frame.customers) ||
    !Array.isArray(frame.tickets) ||
    !isArrayOrAbsent(frame.additions) ||
    !isArrayOrAbsent(frame.tombstones)
  ) {
    throw new ConnectorError('protocol', `${label} sent a page Piket cannot read.`);
  }
  const refused: RefusedRecord[] = [];
  const customers = checkSourced('customer', source, page.customers, customerRecordSchema, refused);
  const tickets = checkSourced('ticket', source, page.tickets, ticketRecordSchema, refused);
  const additions = checkAdditions(page.additions ?? [], refused);
  const tombstones = checkParts(page.tombstones ?? [], tombstoneSchema, (tombstone, reason) =>
    refuse(refused, 'tombstone', idOf(tombstone), reason, tombstone),
  );
  return { page: { customers, tickets, additions, tombstones }, refused };
}
