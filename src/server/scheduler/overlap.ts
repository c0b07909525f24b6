import { asSql, type SqlLike } from '../runtime/sql';
import { countWaitingTicks } from './pending-ticks';

/** What a tick does: start a run now, be skipped, or wait for the runs before it. */
export type OverlapDecision = 'start' | 'skip' | 'queue';

/**
 * Ticks that may wait behind an unfinished run, at most; later ticks are skipped, so a
 * schedule that fires faster than its runs finish cannot grow its queue without bound.
 */
export const MAX_WAITING_TICKS = 100;

/** Whether a cron run of the workflow has not finished (a workflow has one trigger). */
export async function cronRunUnfinished(tx: SqlLike, workflowId: string): Promise<boolean> {
  const rows = await asSql(tx).query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "Run" WHERE "workflowId" = $1 AND trigger = 'cron'
       AND status IN ('queued', 'running', 'waiting')) AS found`,
    [workflowId],
  );
  return rows[0]?.found === true;
}

/**
 * Applies the schedule's overlap policy to a tick: `allow` always starts; `skip` starts only
 * when no cron run of the workflow is unfinished; `queue` also waits while earlier ticks
 * wait, so ticks start in order. Unknown policies act as `skip`, the default.
 */
export async function decideOverlap(
  tx: SqlLike,
  schedule: { id: string; workflowId: string; overlap: string },
): Promise<OverlapDecision> {
  if (schedule.overlap === 'allow') return 'start';
  const unfinished = await cronRunUnfinished(tx, schedule.workflowId);
  if (schedule.overlap !== 'queue') return unfinished ? 'skip' : 'start';
  const waiting = await countWaitingTicks(tx, schedule.id, MAX_WAITING_TICKS);
  if (!unfinished && waiting === 0) return 'start';
  return waiting >= MAX_WAITING_TICKS ? 'skip' : 'queue';
}
