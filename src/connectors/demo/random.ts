// Seeded hashing and a small PRNG: every random choice of the demo desk derives from (seed, slot), never Math.random.

const UINT32 = 4294967296;

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The seed as two 32-bit words, so seeds beyond 2^32 stay distinct. */
export function seedWords(seed: number): [number, number] {
  return [seed >>> 0, Math.floor(seed / UINT32) >>> 0];
}

/** A well-mixed unsigned 32-bit hash of a list of integers. */
export function hashInts(values: readonly number[]): number {
  let h = 0x2545f491;
  for (const value of values) {
    h = mix((Math.imul(h ^ (value >>> 0), 0x01000193) + 0x9e3779b9) | 0);
  }
  return h;
}

/** A uniform number in [0, 1) from a hash. */
export function unitFromHash(hash: number): number {
  return hash / UINT32;
}

/** mulberry32: a fast deterministic stream of numbers in [0, 1). */
export class Rng {
  private state: number;

  constructor(seed32: number) {
    this.state = seed32 | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / UINT32;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('Rng.weighted: empty list');
    return last[0];
  }
}
