// The queue's paging cursor: the sort key of the last row a page returned, as an opaque string. The store makes
// one (`nextCursor`), the argument schema reads one back (`after`); callers pass it on unchanged. A cursor only
// marks a place in the order, so it stays valid while rows change; the filters of the call still apply.
import { PRIORITIES, type Priority } from '../domain/ticket';

/** A row's place in the queue order: `ORDER BY due_sort, priority, created_at, id`. */
export interface QueueKey {
  dueSort: number;
  priority: Priority;
  createdAt: number;
  id: number;
}

/** The version prefix: a change of the queue order gets a new one, so an old cursor is refused, not misread. */
const VERSION = 'q1';
const PATTERN = new RegExp(`^${VERSION}:(-?\\d{1,16}):(P\\d):(-?\\d{1,16}):(\\d{1,16})$`);

export function encodeQueueCursor(key: QueueKey): string {
  return `${VERSION}:${key.dueSort}:${key.priority}:${key.createdAt}:${key.id}`;
}

/** The key a cursor holds, or null when the text is not a cursor this version made. */
export function decodeQueueCursor(text: string): QueueKey | null {
  const match = PATTERN.exec(text);
  const priority = PRIORITIES.find((known) => known === match?.[2]);
  if (!match || priority === undefined) return null;
  const key = { dueSort: Number(match[1]), priority, createdAt: Number(match[3]), id: Number(match[4]) };
  return [key.dueSort, key.createdAt, key.id].every(Number.isSafeInteger) ? key : null;
}
