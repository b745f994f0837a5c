// The demo desk's seeded randomness: stable hashes, full use of the seed, and the helpers' ranges.
import { describe, expect, it } from 'vitest';
import { Rng, hashInts, seedWords, unitFromHash } from '../../../../src/connectors/demo/random';

describe('demo randomness', () => {
  it('hashes deterministically and tells neighbours apart', () => {
    expect(hashInts([1, 2, 3])).toBe(hashInts([1, 2, 3]));
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => hashInts([42, 0, i, 0])));
    expect(hashes.size).toBe(10_000);
  });

  it('spreads hashes evenly over [0, 1)', () => {
    const units = Array.from({ length: 20_000 }, (_, i) => unitFromHash(hashInts([9, 0, i, 0])));
    expect(units.every((unit) => unit >= 0 && unit < 1)).toBe(true);
    const belowTenth = units.filter((unit) => unit < 0.1).length / units.length;
    expect(belowTenth).toBeGreaterThan(0.09);
    expect(belowTenth).toBeLessThan(0.11);
  });

  it('keeps seeds beyond 32 bits distinct', () => {
    expect(seedWords(5)).toEqual([5, 0]);
    expect(seedWords(5 + 2 ** 32)).toEqual([5, 1]);
  });

  it('draws integers, picks and weighted choices within range', () => {
    const rng = new Rng(123);
    const ints = Array.from({ length: 1000 }, () => rng.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
    const picks = Array.from({ length: 1000 }, () =>
      rng.weighted([
        ['rare', 1],
        ['common', 9],
      ] as const),
    );
    expect(picks.filter((pick) => pick === 'rare').length).toBeLessThan(200);
    expect(() => rng.pick([])).toThrow();
    expect(new Rng(7).next()).toBe(new Rng(7).next());
  });
});
