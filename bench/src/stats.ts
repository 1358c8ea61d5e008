/**
 * Latency and rate arithmetic of the benchmark: samples are kept whole (a Float64Array of
 * milliseconds, no histogram buckets), sorted once, and read with the nearest-rank percentile.
 */

/** Percentiles of a set of latency samples, in milliseconds (3 decimals). `null` fields when there were no samples. */
export interface LatencySummary {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
}

/** A growable list of latency samples in milliseconds. */
export class LatencyRecorder {
  private samples: Float64Array;
  private size = 0;

  /** @param expected how many samples to make room for at first (it grows as needed). */
  constructor(expected = 1024) {
    this.samples = new Float64Array(Math.max(16, expected));
  }

  /** Adds one sample (milliseconds). */
  add(ms: number): void {
    if (this.size === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.size++] = ms;
  }

  /** Number of samples so far. */
  get count(): number {
    return this.size;
  }

  /** Sum of the samples from index `from` (inclusive) to `to` (exclusive), ms. */
  sum(from = 0, to = this.size): number {
    let total = 0;
    for (let i = from; i < to; i++) total += this.samples[i]!;
    return total;
  }

  /** Percentiles of the samples from `from` to `to` (default all). */
  summary(from = 0, to = this.size): LatencySummary {
    return summarise(this.samples.slice(from, to));
  }
}

/** Nearest-rank percentiles (p in 0..100) of `values` (not modified). */
export function summarise(values: Float64Array | number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, mean: null, p50: null, p90: null, p99: null, p999: null, max: null };
  let total = 0;
  for (const v of sorted) total += v;
  const at = (p: number) => round3(sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!);
  return { count: n, mean: round3(total / n), p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: round3(sorted[n - 1]!) };
}

/** `count / seconds`, rounded to one decimal; `null` when no time passed. */
export function perSecond(count: number, seconds: number): number | null {
  return seconds > 0 ? round1(count / seconds) : null;
}

/** Seconds elapsed since `started` (a `process.hrtime.bigint()` value). */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Milliseconds elapsed since `started` (a `process.hrtime.bigint()` value). */
export function msSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Rounded to 1 decimal. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Rounded to 3 decimals. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** `a / b` rounded to 3 decimals, or `null` when either is missing or `b` is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return round3(a / b);
}
