import {
  catchUpFireTimes,
  fireTimesBetween,
  nextFireTime,
  type CatchUpMode,
} from '@/engine/steps/cron-schedule';

export interface PlanInput {
  cron: string;
  timezone: string;
  /** The schedule's catch-up policy; anything unknown is treated as `none`. */
  catchUp: string;
  /** The first fire time not yet handled (the schedule's `nextFireAt`). */
  nextFireAt: number;
  now: number;
  /** A tick at most this late is on time; an older one was missed (downtime). */
  graceMs: number;
  /** Most ticks one pass fires (catch-up `all`); the rest follow on the next pass. */
  limit: number;
}

export interface FirePlan {
  /** Fire times to fire now, oldest first. */
  fire: number[];
  /** The schedule's next `nextFireAt`; null when the schedule never fires again. */
  nextFireAt: number | null;
}

function mode(catchUp: string): CatchUpMode {
  return catchUp === 'latest' || catchUp === 'all' ? catchUp : 'none';
}

/**
 * Which of the ticks owed since `nextFireAt` to fire now. Normally exactly one tick is owed
 * and it fires under every policy. After downtime:
 * - `none` fires only the latest owed tick, and only if it is on time (within the grace);
 *   missed ticks are dropped;
 * - `latest` fires the latest owed tick once, however late: one run stands for the outage;
 * - `all` fires every owed tick, oldest first, `limit` per pass; `nextFireAt` then stays in
 *   the past so the next pass (at once) continues where this one stopped.
 * `none` and `latest` never enumerate the outage, so a week-long gap of a per-second
 * schedule costs one lookup, not 600,000.
 */
export function planFires(input: PlanInput): FirePlan {
  const { cron, timezone, now } = input;
  const following = () => nextFireTime(cron, timezone, now) ?? null;
  if (input.nextFireAt > now) return { fire: [], nextFireAt: input.nextFireAt };
  // Fire times are whole seconds, so (nextFireAt - 1 s, now] includes nextFireAt itself.
  const from = input.nextFireAt - 1000;
  const policy = mode(input.catchUp);
  if (policy === 'all') {
    const owed = fireTimesBetween(cron, timezone, from, now, input.limit + 1);
    const fire = owed.slice(0, input.limit);
    const rest = owed[input.limit];
    return { fire, nextFireAt: rest ?? following() };
  }
  const latest = catchUpFireTimes(cron, timezone, from, now, 'latest');
  const fire = policy === 'latest' ? latest : latest.filter((at) => now - at <= input.graceMs);
  return { fire, nextFireAt: following() };
}
