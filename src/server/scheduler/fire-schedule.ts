import { Prisma, type Schedule } from '@/generated/prisma/client';
import type { Db, DbTx } from '../db';
import type { RuntimeContext } from '../runtime/runtime-context';
import { RUNTIME_TX_OPTIONS } from '../runtime/tasks';
import { decideOverlap } from './overlap';
import { planFires } from './plan-fires';
import { startTickRun } from './start-tick-run';

export interface FireEnv {
  db: Db;
  runtime: RuntimeContext;
  /** The tick's instant (the scheduler's clock). */
  now: number;
  graceMs: number;
  maxFiresPerTick: number;
}

/** A due schedule as the scan found it (not locked yet). */
export interface DueSchedule {
  id: string;
  workflowId: string;
  workflow: { concurrencyLimit: number | null };
}

/**
 * Locks the workflow row before the schedule row: publishing locks them in that order
 * (workflow FOR UPDATE, then the schedule upsert), and inserting a run takes a key-share
 * lock on its workflow, so taking the schedule first could deadlock with a publish. A
 * workflow with a concurrency limit is locked FOR UPDATE as triggerRun will lock it, so that
 * lock is not upgraded later. Returns false when the workflow is gone.
 */
export async function lockWorkflow(tx: DbTx, workflowId: string, limited: boolean) {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "Workflow" WHERE id = ${workflowId}
    ${limited ? Prisma.sql`FOR UPDATE` : Prisma.sql`FOR KEY SHARE`}`;
  return rows.length > 0;
}

/**
 * Fires what a due schedule owes, in one transaction: the schedule row is locked with SKIP
 * LOCKED, so concurrent schedulers share the due schedules instead of queueing on them, and
 * a schedule another scheduler already advanced no longer matches. Returns the number of
 * ticks fired (started, queued or skipped by the overlap policy).
 */
export async function fireDueSchedule(env: FireEnv, due: DueSchedule): Promise<number> {
  return env.db.$transaction(async (tx) => {
    if (!(await lockWorkflow(tx, due.workflowId, due.workflow.concurrencyLimit !== null))) {
      return 0;
    }
    const locked = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM "Schedule" WHERE id = ${due.id} FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return 0;
    const schedule = await tx.schedule.findUnique({ where: { id: due.id } });
    const nextFireAt = schedule?.nextFireAt?.getTime();
    if (!schedule || schedule.paused || nextFireAt === undefined || nextFireAt > env.now) return 0;

    const plan = planFires({
      cron: schedule.cron,
      timezone: schedule.timezone,
      catchUp: schedule.catchUp,
      nextFireAt,
      now: env.now,
      graceMs: env.graceMs,
      limit: env.maxFiresPerTick,
    });
    let fired = 0;
    for (const at of plan.fire) {
      if (await fireTick(tx, env, schedule, at)) fired++;
    }
    const last = plan.fire[plan.fire.length - 1];
    await tx.schedule.update({
      where: { id: schedule.id },
      data: {
        nextFireAt: plan.nextFireAt === null ? null : new Date(plan.nextFireAt),
        ...(last !== undefined ? { lastFiredAt: new Date(last) } : {}),
      },
    });
    return fired;
  }, RUNTIME_TX_OPTIONS);
}

/**
 * One tick. Its ScheduleFire row goes in first, with ON CONFLICT DO NOTHING: the primary key
 * (schedule, fire time) admits one row per tick, so a tick that was already fired — by a
 * racing scheduler, or replayed after a lost update — starts nothing. Returns whether this
 * call fired it.
 */
async function fireTick(tx: DbTx, env: FireEnv, schedule: Schedule, at: number): Promise<boolean> {
  const key = { scheduleId: schedule.id, fireAt: new Date(at) };
  const decision = await decideOverlap(tx, schedule);
  const { count } = await tx.scheduleFire.createMany({
    data: [
      {
        ...key,
        outcome: decision === 'start' ? 'started' : decision === 'skip' ? 'skipped' : 'queued',
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0 || decision !== 'start') return count > 0;
  const run = await startTickRun(tx, env.runtime, schedule, { at, firedAt: env.now });
  await tx.scheduleFire.update({
    where: { scheduleId_fireAt: key },
    // The workflow's own concurrency limit may still queue or skip the run.
    data: { outcome: run.outcome, runId: run.runId },
  });
  return true;
}
