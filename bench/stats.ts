/** Percentile by nearest rank over already-collected samples. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

/** Runs fn repeatedly (after a warm-up) and returns the median milliseconds per run. */
export function timeMedian(fn: () => unknown, runs: number, warmup = Math.ceil(runs / 4)): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** A description of the target, e.g. "≤ 2× idle"; absent for figures shown for information. */
  target?: string;
  met?: boolean;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
