// The queue's paging cursor: it gives back the place it was made from, and the API refuses anything else (the old
// `offset`, a cursor of the previous format, a cursor of another scope or sort) as a clear invalid argument before
// any handler runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PiketHandlers } from '../../../src/api/contract';
import { dispatch } from '../../../src/api/dispatch';
import {
  decodeQueueCursor,
  encodeQueueCursor,
  SORT_KEYS,
  type QueueRowKey,
} from '../../../src/api/queue-cursor';
import { QUEUE_SCOPES, QUEUE_SORTS } from '../../../src/api/queue-order';
import { queueQuerySchema } from '../../../src/api/schemas';
import { PRIORITIES } from '../../../src/domain/ticket';
import { NO_DEADLINE } from '../../../src/store/ticket-store';

/** No handler may run: every call here must be refused at validation. */
const NO_HANDLERS = {} as PiketHandlers;

const rowKey: fc.Arbitrary<QueueRowKey> = fc.record({
  priority: fc.constantFrom(...PRIORITIES),
  dueSort: fc.oneof(fc.constant(NO_DEADLINE), fc.maxSafeInteger()),
  createdAt: fc.maxSafeInteger(),
  updatedAt: fc.maxSafeInteger(),
  id: fc.maxSafeNat(),
});

const place = fc.record({
  scope: fc.constantFrom(...QUEUE_SCOPES),
  sort: fc.constantFrom(...QUEUE_SORTS),
  second: fc.boolean(),
  row: rowKey,
});

describe('queue cursor', () => {
  it('gives back the scope, sort, part and the key of its order', () => {
    fc.assert(
      fc.property(place, ({ scope, sort, second, row }) => {
        const part = second && scope === 'needsMe' ? 1 : 0;
        const expected = { scope, sort, part, key: SORT_KEYS[sort].map((field) => row[field]) };
        const text = encodeQueueCursor(scope, sort, part, row);
        expect(decodeQueueCursor(text)).toEqual(expected);
        expect(queueQuerySchema.parse({ scope, sort, after: text }).after).toEqual(expected);
      }),
    );
  });

  it('holds only the key of its order', () => {
    const row: QueueRowKey = { priority: 'P2', dueSort: 30, createdAt: 10, updatedAt: 20, id: 7 };
    expect(encodeQueueCursor('open', 'urgency', 0, row)).toBe('q2:open:urgency:0:P2:30:10:7');
    expect(encodeQueueCursor('all', 'deadline', 0, row)).toBe('q2:all:deadline:0:30:P2:10:7');
    expect(encodeQueueCursor('needsMe', 'updated', 1, row)).toBe('q2:needsMe:updated:1:20:7');
    expect(encodeQueueCursor('open', 'age', 0, row)).toBe('q2:open:age:0:10:7');
  });

  it('reads nothing from text it did not make', () => {
    for (const text of [
      '',
      'q2',
      'q1:1:P2:3:4',
      'q2:open:urgency:0:P2:1:3',
      'q2:open:urgency:0:P2:1:3:4:5',
      'q2:open:urgency:0:P5:1:3:4',
      'q2:open:urgency:0:1:P2:3:4',
      'q2:open:deadline:0:P2:1:3:4',
      'q2:open:urgency:1:P2:1:3:4',
      'q2:needsMe:age:2:3:4',
      'q2:mine:age:0:3:4',
      'q2:open:relevance:0:3:4',
      'q2:open:age:0:1.5:4',
      'q2:open:age:0:3:-4',
      'q2:open:age:0:9999999999999999:4',
      'q2:open:age:0:3:',
      ' q2:open:age:0:3:4',
      'q2:open:age:0:3:4\n',
      '200',
    ]) {
      expect(decodeQueueCursor(text), text).toBeNull();
    }
  });

  it('makes listQueue refuse a malformed cursor, and the old offset, with a clear message', async () => {
    expect(await dispatch(NO_HANDLERS, 'listQueue', { after: 'page-2' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_argument',
        message:
          'Invalid argument for listQueue: after: not a queue cursor; pass the nextCursor of the previous page unchanged',
      },
    });
    expect(await dispatch(NO_HANDLERS, 'listQueue', { after: 200 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('after') },
    });
    expect(await dispatch(NO_HANDLERS, 'listQueue', { after: 'q2:'.padEnd(201, '9') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('after') },
    });
    expect(await dispatch(NO_HANDLERS, 'listQueue', { offset: 200 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('offset') },
    });
  });

  it('makes listQueue refuse a cursor of another scope or sort, saying which and what to do', async () => {
    const row: QueueRowKey = { priority: 'P1', dueSort: 5, createdAt: 6, updatedAt: 7, id: 8 };
    const urgencyInOpen = encodeQueueCursor('open', 'urgency', 0, row);
    expect(await dispatch(NO_HANDLERS, 'listQueue', { after: urgencyInOpen, sort: 'deadline' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_argument',
        message:
          'Invalid argument for listQueue: after: this cursor continues the open scope sorted by urgency, not the ' +
          'open scope sorted by deadline; read the first page again (without after) when the scope or sort changes',
      },
    });
    expect(
      await dispatch(NO_HANDLERS, 'listQueue', { after: urgencyInOpen, scope: 'needsMe' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_argument',
        message: expect.stringContaining('continues the open scope sorted by urgency, not the needsMe scope'),
      },
    });
    // Both defaults: the open scope in urgency order.
    expect(queueQuerySchema.parse({ after: urgencyInOpen }).after).toMatchObject({ scope: 'open' });
  });

  it('refuses an unknown scope or sort', async () => {
    for (const args of [{ scope: 'mine' }, { sort: 'relevance' }, { sort: '' }]) {
      expect(await dispatch(NO_HANDLERS, 'listQueue', args)).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument', message: expect.stringMatching(/scope|sort/) },
      });
    }
  });
});
