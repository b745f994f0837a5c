// Shared by the benchmarks: the shape of one figure in `npm run bench` output (with its same-run baseline),
// median timing, and a seeded generator so every run measures the same inputs.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The comparable figure measured in the same run, or null when the goal is absolute. */
  baseline: number | null;
  /** How many times better than the baseline (higher is better), or null without a baseline. */
  ratio: number | null;
  goal: string;
}

/** Runs `fn` repeatedly and returns the median wall time in milliseconds. */
export function medianMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
