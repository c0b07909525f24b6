import { describe, expect, it } from 'vitest';
import { bucketOf, emptyHistogram } from './duration-histogram';
import {
  summarize,
  summarizeByBucket,
  summarizeByWorkflow,
  type RollupRow,
} from './summarize-runs';

function row(
  workflowId: string,
  minute: number,
  status: string,
  durations: number[],
  extraRuns = 0,
): RollupRow {
  const histogram = emptyHistogram();
  for (const d of durations) histogram[bucketOf(d)]!++;
  return {
    workflowId,
    bucket: new Date(Date.UTC(2026, 10, 22, 10, minute)),
    status,
    runs: durations.length + extraRuns,
    durationCount: durations.length,
    durationSumMs: durations.reduce((a, b) => a + b, 0),
    histogram,
  };
}

const rows = [
  row('a', 0, 'succeeded', [100, 100, 100]),
  row('a', 0, 'failed', [1_000]),
  row('a', 1, 'cancelled', [], 2),
  row('b', 1, 'succeeded', [50]),
];

describe('run summaries', () => {
  it('counts statuses and rates success over succeeded and failed only', () => {
    expect(summarize(rows)).toMatchObject({
      runs: 7,
      succeeded: 4,
      failed: 1,
      cancelled: 2,
      successRate: 0.8,
      meanMs: (300 + 1_000 + 50) / 5,
    });
  });

  it('answers null, not NaN, with nothing to rate', () => {
    expect(summarize([])).toEqual({
      runs: 0,
      succeeded: 0,
      failed: 0,
      cancelled: 0,
      successRate: null,
      meanMs: null,
      p50: null,
      p95: null,
      p99: null,
    });
    expect(summarize([row('a', 0, 'cancelled', [], 3)]).successRate).toBeNull();
  });

  it('adds histograms across rows for the percentiles', () => {
    const s = summarize(rows);
    expect(s.p50! / 100).toBeCloseTo(1, 0);
    expect(s.p99! / 1_000).toBeCloseTo(1, 0);
  });

  it('fills every bucket of the window, empty ones with zeros', () => {
    const buckets = [0, 1, 2].map((m) => new Date(Date.UTC(2026, 10, 22, 10, m)));
    const series = summarizeByBucket(rows, buckets);
    expect(series.map((p) => p.runs)).toEqual([4, 3, 0]);
    expect(series[2]!.p50).toBeNull();
  });

  it('splits by workflow', () => {
    const byWorkflow = summarizeByWorkflow(rows);
    expect(byWorkflow.get('a')).toMatchObject({ runs: 6, succeeded: 3, failed: 1 });
    expect(byWorkflow.get('b')).toMatchObject({ runs: 1, successRate: 1 });
  });
});
