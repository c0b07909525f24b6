import { describe, expect, it } from 'vitest';
import { bucketName, throughputCounts } from './throughput-counts';

describe('throughputCounts', () => {
  it('turns per-second rates of one-minute buckets into whole counts per minute', () => {
    const bucket = new Date('2026-12-07T10:00:00Z');
    expect(
      throughputCounts([{ bucket, stepsPerSecond: 0.035, runsPerSecond: 1 / 60 }], 60_000),
    ).toEqual([{ bucket, steps: 2, runs: 1 }]);
  });

  it('names the bucket length', () => {
    expect(bucketName(60_000)).toBe('minute');
    expect(bucketName(300_000)).toBe('5 minutes');
    expect(bucketName(3_600_000)).toBe('hour');
  });
});
