import { Prisma } from '@/generated/prisma/client';
import type { DbTx } from '../db';
import { asSql, type SqlLike } from '../runtime/sql';

/**
 * Overlap `queue` keeps a tick that must wait as its ScheduleFire row with outcome 'queued'
 * and no run yet; the run is created when the tick starts. (Creating the run up front, as a
 * queued row without state, would hand it to the runtime: it starts such runs itself as
 * soon as the workflow's concurrency allows, and a workflow without a limit always allows.)
 *
 * Queued ticks start oldest first, and a tick only starts at once when none is waiting, so
 * every waiting tick is newer than every tick that has a run. Lookups therefore read only
 * the fires after the schedule's latest fire with a run: a few rows at the end of the
 * primary key, however long the fire history grows.
 */
function afterLatestRun(schedule: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    f."scheduleId" = ${schedule} AND f.outcome = 'queued' AND f."runId" IS NULL
    AND f."fireAt" > COALESCE(
      (SELECT max(g."fireAt") FROM "ScheduleFire" g
       WHERE g."scheduleId" = ${schedule} AND g."runId" IS NOT NULL),
      '-infinity'::timestamp)`;
}

/** How many ticks of the schedule are waiting, counted up to `cap`. */
export async function countWaitingTicks(tx: SqlLike, scheduleId: string, cap: number) {
  const rows = await asSql(tx).query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM "ScheduleFire" f
       WHERE f."scheduleId" = $1 AND f.outcome = 'queued' AND f."runId" IS NULL
         AND f."fireAt" > COALESCE(
           (SELECT max(g."fireAt") FROM "ScheduleFire" g
            WHERE g."scheduleId" = $1 AND g."runId" IS NOT NULL),
           '-infinity'::timestamp)
       LIMIT $2) waiting`,
    [scheduleId, cap],
  );
  return rows[0]?.n ?? 0;
}

/** The schedule's oldest waiting tick, locked; undefined when none waits. */
export async function oldestWaitingTick(tx: DbTx, scheduleId: string) {
  const rows = await tx.$queryRaw<{ fireAt: Date }[]>`
    SELECT f."fireAt" FROM "ScheduleFire" f WHERE ${afterLatestRun(Prisma.sql`${scheduleId}`)}
    ORDER BY f."fireAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
  return rows[0]?.fireAt;
}

export interface WaitingSchedule {
  scheduleId: string;
  workflowId: string;
  concurrencyLimit: number | null;
  /** An earlier cron run of the workflow has not finished: the waiting ticks must wait. */
  busy: boolean;
}

/** Unpaused `queue` schedules with waiting ticks, in one statement (each a few index probes). */
export async function schedulesWithWaitingTicks(tx: DbTx, limit: number) {
  return tx.$queryRaw<WaitingSchedule[]>`
    SELECT s.id AS "scheduleId", s."workflowId", w."concurrencyLimit",
      EXISTS (SELECT 1 FROM "Run" r WHERE r."workflowId" = s."workflowId"
        AND r.trigger = 'cron' AND r.status IN ('queued', 'running', 'waiting')) AS busy
    FROM "Schedule" s JOIN "Workflow" w ON w.id = s."workflowId"
    WHERE s.overlap = 'queue' AND s.paused = false
      AND EXISTS (SELECT 1 FROM "ScheduleFire" f WHERE ${afterLatestRun(Prisma.raw('s.id'))})
    LIMIT ${limit}`;
}
