// The min-heap: order by `at` then `key`, removal and update by key, and random operations checked
// against a sorted-array oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../../src/alerts/min-heap';

interface Item {
  key: string;
  at: number;
}

const byAtThenKey = (a: Item, b: Item): number => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function drain(heap: MinHeap<Item>): Item[] {
  const out: Item[] = [];
  for (let item = heap.pop(); item !== undefined; item = heap.pop()) out.push(item);
  return out;
}

describe('MinHeap', () => {
  it('is empty at first', () => {
    const heap = new MinHeap<Item>();
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
    expect(heap.remove('x')).toBeUndefined();
  });

  it('pops in ascending order of at', () => {
    const heap = new MinHeap<Item>();
    for (const at of [50, 10, 40, 30, 20, 60, 0]) heap.push({ key: `k${at}`, at });
    expect(heap.size).toBe(7);
    expect(heap.peek()).toEqual({ key: 'k0', at: 0 });
    expect(drain(heap).map((item) => item.at)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(heap.size).toBe(0);
  });

  it('breaks ties by key', () => {
    const heap = new MinHeap<Item>();
    for (const key of ['c', 'a', 'd', 'b']) heap.push({ key, at: 5 });
    heap.push({ key: 'z', at: 4 });
    expect(drain(heap).map((item) => item.key)).toEqual(['z', 'a', 'b', 'c', 'd']);
  });

  it('removes by key from anywhere', () => {
    const heap = new MinHeap<Item>();
    for (let at = 0; at < 10; at++) heap.push({ key: `k${at}`, at });
    expect(heap.remove('k0')).toEqual({ key: 'k0', at: 0 });
    expect(heap.remove('k5')).toEqual({ key: 'k5', at: 5 });
    expect(heap.remove('k9')).toEqual({ key: 'k9', at: 9 });
    expect(heap.remove('k5')).toBeUndefined();
    expect(heap.get('k5')).toBeUndefined();
    expect(heap.size).toBe(7);
    expect(drain(heap).map((item) => item.key)).toEqual(['k1', 'k2', 'k3', 'k4', 'k6', 'k7', 'k8']);
  });

  it('moves the last item up when it fills a hole in another subtree', () => {
    const heap = new MinHeap<Item>();
    [16, 12, 14, 6, 11, 4, 6].forEach((at, i) => heap.push({ key: `k${i}`, at }));
    heap.remove('k0'); // a leaf on the left: the last item (k6, at 6) fills it, under k4 (at 11), and must rise
    expect(drain(heap).map((item) => item.key)).toEqual(['k5', 'k3', 'k6', 'k4', 'k1', 'k2']);
  });

  it('updates by key: pushing a known key moves it, earlier or later, without duplicating it', () => {
    const heap = new MinHeap<Item>();
    for (let at = 0; at < 8; at++) heap.push({ key: `k${at}`, at: at * 10 });
    heap.push({ key: 'k6', at: -1 });
    heap.push({ key: 'k0', at: 100 });
    heap.push({ key: 'k3', at: 30 });
    expect(heap.size).toBe(8);
    expect(heap.get('k0')).toEqual({ key: 'k0', at: 100 });
    expect(drain(heap).map((item) => item.key)).toEqual(['k6', 'k1', 'k2', 'k3', 'k4', 'k5', 'k7', 'k0']);
  });

  it('agrees with a sorted-array oracle under random push, update, pop and remove', () => {
    const key = fc.integer({ min: 0, max: 39 }).map((n) => `k${n}`);
    const op = fc.oneof(
      {
        arbitrary: fc.record({
          kind: fc.constant('push' as const),
          key,
          at: fc.integer({ min: -20, max: 20 }),
        }),
        weight: 4,
      },
      { arbitrary: fc.record({ kind: fc.constant('pop' as const) }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant('remove' as const), key }), weight: 2 },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const heap = new MinHeap<Item>();
        let oracle: Item[] = [];
        for (const o of ops) {
          if (o.kind === 'push') {
            oracle = [...oracle.filter((item) => item.key !== o.key), { key: o.key, at: o.at }].sort(
              byAtThenKey,
            );
            heap.push({ key: o.key, at: o.at });
          } else if (o.kind === 'pop') {
            expect(heap.pop()).toEqual(oracle.shift());
          } else {
            const expected = oracle.find((item) => item.key === o.key);
            oracle = oracle.filter((item) => item.key !== o.key);
            expect(heap.remove(o.key)).toEqual(expected);
          }
          expect(heap.size).toBe(oracle.length);
          expect(heap.peek()).toEqual(oracle[0]);
          for (const item of oracle) expect(heap.get(item.key)).toEqual(item);
        }
        expect(drain(heap)).toEqual(oracle);
      }),
      { numRuns: 300 },
    );
  });
});
