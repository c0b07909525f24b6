import { describe, expect, it } from 'vitest';
import { timeWindow } from './time-window';

const now = new Date('2026-11-22T10:37:12.345Z');

describe('timeWindow', () => {
  it('covers the last hour in minutes, ending with the current minute', () => {
    const w = timeWindow('1h', now);
    expect(w.grain).toBe('minute');
    expect(w.buckets).toHaveLength(60);
    expect(w.from.toISOString()).toBe('2026-11-22T09:38:00.000Z');
    expect(w.buckets.at(-1)!.toISOString()).toBe('2026-11-22T10:37:00.000Z');
    expect(w.to).toBe(now);
  });

  it('covers 24 hours and 7 days in hours', () => {
    const day = timeWindow('24h', now);
    expect(day.grain).toBe('hour');
    expect(day.buckets).toHaveLength(24);
    expect(day.from.toISOString()).toBe('2026-11-21T11:00:00.000Z');
    const week = timeWindow('7d', now);
    expect(week.buckets).toHaveLength(168);
    expect(week.from.toISOString()).toBe('2026-11-15T11:00:00.000Z');
    expect(week.buckets[1]!.getTime() - week.buckets[0]!.getTime()).toBe(3_600_000);
  });
});
