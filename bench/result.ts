// The shape of one benchmark figure in `npm run bench` output, with its same-run baseline.
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
