/** Median, 95th percentile and range of a bench's samples (ms), rounded to 0.1. */
export function stats(values: number[]): { median: number; p95: number; min: number; max: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (n: number): number => Math.round(n * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)), min: round(sorted[0] ?? NaN), max: round(sorted.at(-1) ?? NaN), n: sorted.length };
}

/** Prints one result as the `BENCH {json}` line that scripts/bench/index.mjs collects. */
export function report(name: string, value: object): void {
  globalThis.console.log(`BENCH ${JSON.stringify({ name, ...value })}`);
}
