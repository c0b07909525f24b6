import { describe, expect, it } from 'vitest';
import { planFires, type PlanInput } from './plan-fires';

const MIN = 60_000;
const T0 = Date.parse('2031-05-05T12:00:00Z');
const base: PlanInput = {
  cron: '*/5 * * * *',
  timezone: 'UTC',
  catchUp: 'none',
  nextFireAt: T0,
  now: T0,
  graceMs: 60_000,
  limit: 100,
};
const plan = (over: Partial<PlanInput>) => planFires({ ...base, ...over });

describe('planFires', () => {
  it('fires the due tick under every policy and moves on past now', () => {
    for (const catchUp of ['none', 'latest', 'all']) {
      expect(plan({ catchUp, now: T0 + 300 })).toEqual({ fire: [T0], nextFireAt: T0 + 5 * MIN });
    }
  });

  it('fires nothing before the tick', () => {
    expect(plan({ now: T0 - 1 })).toEqual({ fire: [], nextFireAt: T0 });
  });

  it('after downtime: none drops missed ticks, latest fires one, all fires each', () => {
    const now = T0 + 47 * MIN;
    expect(plan({ now })).toEqual({ fire: [], nextFireAt: T0 + 50 * MIN });
    expect(plan({ now, catchUp: 'latest' })).toEqual({
      fire: [T0 + 45 * MIN],
      nextFireAt: T0 + 50 * MIN,
    });
    expect(plan({ now, catchUp: 'all' }).fire).toHaveLength(10);
    // Within the grace, none still fires the latest tick (only).
    expect(plan({ now: T0 + 45 * MIN + 30_000 }).fire).toEqual([T0 + 45 * MIN]);
  });

  it('all: pages through a long outage, keeping nextFireAt at the first tick not fired', () => {
    const result = plan({ now: T0 + 47 * MIN, catchUp: 'all', limit: 4 });
    expect(result).toEqual({
      fire: [T0, T0 + 5 * MIN, T0 + 10 * MIN, T0 + 15 * MIN],
      nextFireAt: T0 + 20 * MIN,
    });
  });

  it('a nextFireAt the expression no longer matches (changed cron) fires nothing and is corrected', () => {
    expect(plan({ cron: '0 * * * *', now: T0 + 5 * MIN, nextFireAt: T0 + 5 * MIN })).toEqual({
      fire: [],
      nextFireAt: T0 + 60 * MIN,
    });
  });

  it('unknown catch-up values act as none', () => {
    expect(plan({ catchUp: 'weird', now: T0 + 47 * MIN }).fire).toEqual([]);
  });
});
