// The queue's paging cursor: it gives back the key it was made from, and the API refuses anything else (and the
// old `offset`) as a clear invalid argument before any handler runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PiketHandlers } from '../../../src/api/contract';
import { dispatch } from '../../../src/api/dispatch';
import { decodeQueueCursor, encodeQueueCursor, type QueueKey } from '../../../src/api/queue-cursor';
import { queueQuerySchema } from '../../../src/api/schemas';
import { PRIORITIES } from '../../../src/domain/ticket';
import { NO_DEADLINE } from '../../../src/store/ticket-store';

/** No handler may run: every call here must be refused at validation. */
const NO_HANDLERS = {} as PiketHandlers;

const key: fc.Arbitrary<QueueKey> = fc.record({
  dueSort: fc.oneof(fc.constant(NO_DEADLINE), fc.maxSafeInteger()),
  priority: fc.constantFrom(...PRIORITIES),
  createdAt: fc.maxSafeInteger(),
  id: fc.maxSafeNat(),
});

describe('queue cursor', () => {
  it('gives back the key it was made from', () => {
    fc.assert(
      fc.property(key, (k) => {
        expect(decodeQueueCursor(encodeQueueCursor(k))).toEqual(k);
        expect(queueQuerySchema.parse({ after: encodeQueueCursor(k) }).after).toEqual(k);
      }),
    );
  });

  it('reads nothing from text it did not make', () => {
    for (const text of [
      '',
      'q1',
      'q1:1:P2:3',
      'q1:1:P2:3:4:5',
      'q1:1:P5:3:4',
      'q2:1:P2:3:4',
      'q1:1.5:P2:3:4',
      'q1:1:P2:3:-4',
      'q1:9999999999999999:P2:3:4',
      ' q1:1:P2:3:4',
      'q1:1:P2:3:4\n',
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
    expect(await dispatch(NO_HANDLERS, 'listQueue', { after: 'q1:'.padEnd(101, '9') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('after') },
    });
    expect(await dispatch(NO_HANDLERS, 'listQueue', { offset: 200 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('offset') },
    });
  });
});
