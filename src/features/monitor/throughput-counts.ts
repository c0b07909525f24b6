/** A throughput bucket as the queue monitor reports it. */
export interface RatePoint {
  bucket: Date;
  stepsPerSecond: number;
  runsPerSecond: number;
}

export interface CountPoint {
  bucket: Date;
  steps: number;
  runs: number;
}

/**
 * Rates per second over a bucket of `stepMs` as whole counts per bucket: what finished in
 * each minute reads as "42 steps", where 0.7 steps/s reads as noise (and its axis as 0.035).
 */
export function throughputCounts(points: readonly RatePoint[], stepMs: number): CountPoint[] {
  const seconds = stepMs / 1_000;
  return points.map((p) => ({
    bucket: p.bucket,
    steps: Math.round(p.stepsPerSecond * seconds),
    runs: Math.round(p.runsPerSecond * seconds),
  }));
}

/** "minute", "5 minutes", "hour": the length of one bucket, for labels. */
export function bucketName(stepMs: number): string {
  if (stepMs === 3_600_000) return 'hour';
  const minutes = Math.round(stepMs / 60_000);
  return minutes <= 1 ? 'minute' : `${minutes} minutes`;
}
