import { describe, expect, it } from 'vitest';
import {
  addInto,
  bucketBounds,
  bucketOf,
  emptyHistogram,
  HISTOGRAM_BUCKETS,
  MAX_RELATIVE_ERROR,
  percentiles,
  quantile,
} from './duration-histogram';

function histogramOf(durations: number[]): number[] {
  const histogram = emptyHistogram();
  for (const d of durations) histogram[bucketOf(d)]!++;
  return histogram;
}

function exactQuantile(durations: number[], q: number): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('duration histogram', () => {
  it('puts every duration inside its bucket bounds', () => {
    for (const d of [0, 0.4, 1, 1.5, 2, 3, 10, 999, 1_000, 65_536, 3_600_000, 2 ** 40]) {
      const [lower, upper] = bucketBounds(bucketOf(d));
      expect(d).toBeGreaterThanOrEqual(lower);
      expect(d).toBeLessThan(upper);
    }
  });

  it('maps exact powers of two to the bucket they open', () => {
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(2)).toBe(5);
    expect(bucketOf(1024)).toBe(41);
    expect(bucketBounds(41)[0]).toBe(1024);
  });

  it('clamps negative, missing and huge durations to the end buckets', () => {
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(Number.NaN)).toBe(0);
    expect(bucketOf(2 ** 60)).toBe(HISTOGRAM_BUCKETS - 1);
    expect(bucketBounds(HISTOGRAM_BUCKETS - 1)[1]).toBe(Infinity);
  });

  it('answers nothing for an empty histogram', () => {
    expect(percentiles(emptyHistogram())).toEqual({ p50: null, p95: null, p99: null });
  });

  it('estimates quantiles within the stated error on skewed data', () => {
    const random = lcg(42);
    // Log-normal-ish: most runs take tens of milliseconds, a long tail takes minutes.
    const durations = Array.from({ length: 5_000 }, () =>
      Math.round(20 * Math.exp(3 * random() ** 3) + (random() < 0.02 ? 120_000 * random() : 0)),
    );
    const histogram = histogramOf(durations);
    for (const q of [0.5, 0.9, 0.95, 0.99, 1]) {
      const exact = exactQuantile(durations, q);
      const estimate = quantile(histogram, q)!;
      expect(Math.abs(estimate / exact - 1)).toBeLessThanOrEqual(MAX_RELATIVE_ERROR + 1e-9);
    }
    expect(MAX_RELATIVE_ERROR).toBeLessThan(0.1);
  });

  it('reports sub-millisecond runs as 0', () => {
    expect(quantile(histogramOf([0, 0, 0, 5]), 0.5)).toBe(0);
  });

  it('adds histograms element by element', () => {
    const sum = addInto(histogramOf([10, 10]), histogramOf([10, 1000]));
    expect(sum[bucketOf(10)]).toBe(3);
    expect(sum[bucketOf(1000)]).toBe(1);
    expect(sum.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('uses the nearest rank, so one slow run in a hundred is the p100, not the p99', () => {
    const durations = [...new Array<number>(99).fill(100), 60_000];
    const histogram = histogramOf(durations);
    expect(quantile(histogram, 0.99)! / 100).toBeCloseTo(1, 0);
    expect(quantile(histogram, 1)! / 60_000).toBeCloseTo(1, 0);
  });
});
