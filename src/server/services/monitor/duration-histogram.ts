/**
 * Run durations are counted in fixed log-scale buckets so that any set of rollup rows can
 * be added together and still answer p50/p95/p99. Bucket 0 holds durations under 1 ms;
 * bucket i ≥ 1 holds [2^((i-1)/4), 2^(i/4)) ms; the last bucket also takes anything
 * longer (about 43 days and up). An estimate is the geometric middle of the bucket that
 * holds the quantile, so it is within a factor of 2^(1/8) (≈ 9 %) of the true value.
 */
export const HISTOGRAM_BUCKETS = 128;
export const STEPS_PER_DOUBLING = 4;
/** The largest ratio between an estimate and the true quantile (and its inverse). */
export const MAX_RELATIVE_ERROR = 2 ** (1 / (2 * STEPS_PER_DOUBLING)) - 1;

/** The bucket of a duration; the SQL in refresh-rollups.ts computes the same. */
export function bucketOf(durationMs: number): number {
  if (!(durationMs >= 1)) return 0;
  const index = 1 + Math.floor(Math.log2(durationMs) * STEPS_PER_DOUBLING);
  return Math.min(HISTOGRAM_BUCKETS - 1, index);
}

/** The bucket index as a SQL expression over a duration in milliseconds (numeric). */
export function bucketOfSql(durationMs: string): string {
  return `CASE WHEN ${durationMs} < 1 THEN 0 ELSE LEAST(${HISTOGRAM_BUCKETS - 1},
    1 + floor(log(2::numeric, (${durationMs})::numeric) * ${STEPS_PER_DOUBLING}))::int END`;
}

/** [lower, upper) in milliseconds; the last bucket's upper bound is Infinity. */
export function bucketBounds(index: number): [number, number] {
  if (index <= 0) return [0, 1];
  const lower = 2 ** ((index - 1) / STEPS_PER_DOUBLING);
  const upper = index >= HISTOGRAM_BUCKETS - 1 ? Infinity : 2 ** (index / STEPS_PER_DOUBLING);
  return [lower, upper];
}

export function emptyHistogram(): number[] {
  return new Array<number>(HISTOGRAM_BUCKETS).fill(0);
}

/** Adds `from` into `into` element by element (shorter arrays count as zeros). */
export function addInto(into: number[], from: readonly number[]): number[] {
  for (let i = 0; i < Math.min(into.length, from.length); i++) into[i]! += from[i] ?? 0;
  return into;
}

/**
 * The q-quantile (0 < q ≤ 1) by nearest rank: the bucket holding the ⌈q·n⌉-th smallest
 * duration, reported as its geometric middle. Null when the histogram is empty.
 */
export function quantile(histogram: readonly number[], q: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] ?? 0;
    if (seen >= rank) return representative(i);
  }
  return representative(histogram.length - 1);
}

function representative(index: number): number {
  if (index <= 0) return 0;
  return 2 ** ((index - 0.5) / STEPS_PER_DOUBLING);
}

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export function percentiles(histogram: readonly number[]): Percentiles {
  return {
    p50: quantile(histogram, 0.5),
    p95: quantile(histogram, 0.95),
    p99: quantile(histogram, 0.99),
  };
}
