// The queue's paging cursor: the scope and sort of the page that made it and the sort key of its last row, as an
// opaque string. The store makes one (`nextCursor`), the argument schema reads one back (`after`); callers pass it
// on unchanged. A cursor only marks a place in one order, so it stays valid while rows change, the filters of the
// call still apply, and a cursor of another scope or sort is refused rather than misread.
import { PRIORITIES, type Priority } from '../domain/ticket';
import { needsMeParts, QUEUE_SCOPES, QUEUE_SORTS, type QueueScope, type QueueSort } from './queue-order';

/** Every column some order's key uses, named as in a ticket summary. */
export interface QueueRowKey {
  priority: Priority;
  dueSort: number;
  createdAt: number;
  updatedAt: number;
  id: number;
}
export type QueueKeyField = keyof QueueRowKey;

/** The key of each sort, most significant first (see queue-order.ts for what each order means). */
export const SORT_KEYS = {
  urgency: ['priority', 'dueSort', 'createdAt', 'id'],
  deadline: ['dueSort', 'priority', 'createdAt', 'id'],
  updated: ['updatedAt', 'id'],
  age: ['createdAt', 'id'],
} as const satisfies Record<QueueSort, readonly QueueKeyField[]>;

/** A place in the queue: after the row with this key, in this part of this scope in this sort. */
export interface QueueCursor {
  scope: QueueScope;
  sort: QueueSort;
  /** In the needsMe scope, 0 while in the tickets mine or unassigned, 1 in the rest; always 0 elsewhere. */
  part: number;
  /** One value per field of `SORT_KEYS[sort]`, in that order: a priority as `P1`…`P4`, the rest integers. */
  key: ReadonlyArray<Priority | number>;
}

/** The version prefix: a change of the cursor's meaning gets a new one, so an old cursor is refused, not misread. */
const VERSION = 'q2';
const INTEGER = /^-?\d{1,16}$/;

export function encodeQueueCursor(
  scope: QueueScope,
  sort: QueueSort,
  part: number,
  row: QueueRowKey,
): string {
  return [VERSION, scope, sort, part, ...SORT_KEYS[sort].map((field) => row[field])].join(':');
}

/** The place a cursor holds, or null when the text is not a cursor this version made. */
export function decodeQueueCursor(text: string): QueueCursor | null {
  const [version, scopeText, sortText, partText, ...values] = text.split(':');
  const scope = QUEUE_SCOPES.find((known) => known === scopeText);
  const sort = QUEUE_SORTS.find((known) => known === sortText);
  if (version !== VERSION || scope === undefined || sort === undefined) return null;
  const parts = scope === 'needsMe' ? needsMeParts(sort) : 1;
  const part =
    partText !== undefined && /^\d$/.test(partText) && Number(partText) < parts ? Number(partText) : null;
  const fields = SORT_KEYS[sort];
  if (part === null || values.length !== fields.length) return null;
  const key: Array<Priority | number> = [];
  for (const [index, field] of fields.entries()) {
    const value = decodeValue(field, values[index]!);
    if (value === null) return null;
    key.push(value);
  }
  return { scope, sort, part, key };
}

function decodeValue(field: QueueKeyField, text: string): Priority | number | null {
  if (field === 'priority') return PRIORITIES.find((known) => known === text) ?? null;
  if (!INTEGER.test(text)) return null;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return null;
  return field === 'id' && value < 0 ? null : value;
}
