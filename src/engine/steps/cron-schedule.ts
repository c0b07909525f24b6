import { Cron, CronPattern } from 'croner';

/**
 * Pure cron maths for the cron trigger and the scheduler: every answer is a function of the
 * expression, the time zone and the instant passed in, never of the machine's clock or zone.
 * Instants are epoch milliseconds; fire times have whole seconds (croner strips milliseconds).
 * DST follows croner: a wall time that does not exist (spring forward) fires after the jump
 * for fixed-time schedules and is skipped by interval schedules; a repeated wall time (fall
 * back) fires once for fixed-time schedules and twice for interval schedules.
 */

export type CatchUpMode = 'none' | 'latest' | 'all';

/** Returns why `timezone` is not an IANA time zone, or undefined when it is one. */
export function timeZoneError(timezone: string): string | undefined {
  if (timezone.trim() === '') return 'Time zone is required';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return undefined;
  } catch {
    return `Unknown time zone "${timezone}"`;
  }
}

/** Returns why `expression` is not a cron pattern, or undefined when it is one. */
export function cronExpressionError(expression: string): string | undefined {
  if (expression.trim() === '') return 'Cron expression is required';
  try {
    // CronPattern, not Cron: Cron would also accept an ISO date as a one-off schedule.
    new CronPattern(expression.trim(), undefined, { mode: '5-or-6-parts' });
    return undefined;
  } catch (err) {
    return `Invalid cron expression "${expression}": ${(err as Error).message}`;
  }
}

function schedule(expression: string, timezone: string): Cron {
  const error = cronExpressionError(expression) ?? timeZoneError(timezone);
  if (error) throw new Error(error);
  // Without a callback croner starts no timer: this object only does calendar maths.
  return new Cron(expression.trim(), {
    timezone,
    mode: '5-or-6-parts',
    paused: true,
  });
}

/** The next `count` fire times strictly after `after`. */
export function nextFireTimes(
  expression: string,
  timezone: string,
  after: number,
  count: number,
): number[] {
  if (count <= 0) return [];
  return schedule(expression, timezone)
    .nextRuns(count, new Date(after))
    .map((d) => d.getTime());
}

/** The first fire time strictly after `after`, or undefined if the schedule never fires again. */
export function nextFireTime(
  expression: string,
  timezone: string,
  after: number,
): number | undefined {
  return nextFireTimes(expression, timezone, after, 1)[0];
}

/**
 * Fire times in (`from`, `to`], oldest first, at most `limit` of them (the oldest `limit`,
 * so a caller paging through a long outage keeps its place).
 */
export function fireTimesBetween(
  expression: string,
  timezone: string,
  from: number,
  to: number,
  limit = 1000,
): number[] {
  const cron = schedule(expression, timezone);
  const times: number[] = [];
  let cursor = new Date(from);
  while (times.length < limit) {
    const next = cron.nextRun(cursor);
    if (!next || next.getTime() > to) break;
    times.push(next.getTime());
    cursor = next;
  }
  return times;
}

/**
 * Which missed fire times to run after downtime: the schedule last fired (or was checked) at
 * `lastFireAt`, and it is now `now`. `none` runs nothing, `latest` only the most recent missed
 * time, `all` every missed time (oldest first, at most `limit`).
 */
export function catchUpFireTimes(
  expression: string,
  timezone: string,
  lastFireAt: number,
  now: number,
  mode: CatchUpMode,
  limit = 1000,
): number[] {
  if (mode === 'none' || now <= lastFireAt) return [];
  if (mode === 'all') return fireTimesBetween(expression, timezone, lastFireAt, now, limit);
  const cron = schedule(expression, timezone);
  // Look from a second past `now` so a run exactly at `now` counts, then drop any run after it.
  const latest = cron
    .previousRuns(2, new Date(now + 1000))
    .map((d) => d.getTime())
    .filter((t) => t <= now)
    .sort((a, b) => b - a)[0];
  return latest !== undefined && latest > lastFireAt ? [latest] : [];
}
