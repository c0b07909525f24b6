import type { ResultWindow } from './monitor-inputs';

export interface TimeWindow {
  grain: 'minute' | 'hour';
  /** Start of the first bucket (inclusive). */
  from: Date;
  /** The moment the window ends (the current bucket is partial). */
  to: Date;
  stepMs: number;
  /** Start of each bucket, oldest first. */
  buckets: Date[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

const SHAPES: Record<ResultWindow, { grain: 'minute' | 'hour'; stepMs: number; count: number }> = {
  '1h': { grain: 'minute', stepMs: MINUTE, count: 60 },
  '24h': { grain: 'hour', stepMs: HOUR, count: 24 },
  '7d': { grain: 'hour', stepMs: HOUR, count: 168 },
};

/**
 * The buckets a window covers, aligned to its grain and ending with the current (partial)
 * bucket: "24 h" is the current hour and the 23 before it, so rollup rows answer it exactly.
 */
export function timeWindow(window: ResultWindow, now: Date): TimeWindow {
  const { grain, stepMs, count } = SHAPES[window];
  const current = Math.floor(now.getTime() / stepMs) * stepMs;
  const first = current - (count - 1) * stepMs;
  const buckets = Array.from({ length: count }, (_, i) => new Date(first + i * stepMs));
  return { grain, from: new Date(first), to: now, stepMs, buckets };
}
