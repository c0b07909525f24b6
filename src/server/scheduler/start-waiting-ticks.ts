import { isRunFinal } from '@/engine';
import type { Db, DbTx } from '../db';
import { logger } from '../logger';
import { runtimeTxOptions, type RuntimeContext } from '../runtime/runtime-context';
import { lockWorkflow } from './fire-schedule';
import { cronRunUnfinished } from './overlap';
import {
  oldestWaitingTick,
  schedulesWithWaitingTicks,
  type WaitingSchedule,
} from './pending-ticks';
import { startTickRun } from './start-tick-run';

export interface PromotionResult {
  /** Waiting ticks started. */
  started: number;
  /** Workflows with waiting ticks: when one of their runs finishes, the next may start. */
  blocked: string[];
}

// Ticks started back to back in one transaction when each run finishes inline.
const MAX_CHAIN = 20;
const MAX_SCHEDULES = 500;

/**
 * Overlap `queue`: starts the oldest waiting tick of each schedule whose previous cron run
 * has finished. Waiting ticks are rows, so this is durable: whichever scheduler passes next
 * starts them, even after a crash. A paused schedule's ticks wait until it is resumed.
 */
export async function startWaitingTicks(
  db: Db,
  runtime: RuntimeContext,
  now: number,
): Promise<PromotionResult> {
  const candidates = await schedulesWithWaitingTicks(db, MAX_SCHEDULES);
  let started = 0;
  for (const candidate of candidates) {
    if (candidate.busy) continue;
    try {
      const count = await db.$transaction(
        (tx) => startWaiting(tx, runtime, candidate, now),
        runtimeTxOptions(runtime),
      );
      started += count;
    } catch (error) {
      // Its ticks keep waiting and are tried again next pass; the others go on.
      logger.warn(
        { err: error, scheduleId: candidate.scheduleId },
        'Starting a waiting tick failed',
      );
    }
  }
  // Including those just started: their next waiting tick waits for the run started now.
  return { started, blocked: candidates.map((c) => c.workflowId) };
}

async function startWaiting(
  tx: DbTx,
  runtime: RuntimeContext,
  candidate: WaitingSchedule,
  now: number,
): Promise<number> {
  if (!(await lockWorkflow(tx, candidate.workflowId, Boolean(candidate.concurrencyLimit)))) {
    return 0;
  }
  // The schedule's lock serialises this with its firing and with other schedulers.
  const locked = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "Schedule" WHERE id = ${candidate.scheduleId} FOR UPDATE SKIP LOCKED`;
  if (locked.length === 0) return 0;
  const schedule = await tx.schedule.findUnique({ where: { id: candidate.scheduleId } });
  if (!schedule || schedule.paused || schedule.overlap !== 'queue') return 0;
  let started = 0;
  while (started < MAX_CHAIN && !(await cronRunUnfinished(tx, schedule.workflowId))) {
    const fireAt = await oldestWaitingTick(tx, schedule.id);
    if (!fireAt) break;
    // The version the schedule runs now: a tick that waited across a publish runs the new one.
    const run = await startTickRun(tx, runtime, schedule, { at: fireAt.getTime(), firedAt: now });
    // The outcome stays 'queued' (the tick waited); the run id says it has started.
    await tx.scheduleFire.update({
      where: { scheduleId_fireAt: { scheduleId: schedule.id, fireAt } },
      data: { runId: run.runId },
    });
    started++;
    if (!run.state || !isRunFinal(run.state.status)) break;
  }
  return started;
}
