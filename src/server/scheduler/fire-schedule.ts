import { Prisma } from '@/generated/prisma/client';
import type { Db, DbTx } from '../db';
import { transaction, type RuntimeContext } from '../runtime/runtime-context';
import { utc, type Sql } from '../runtime/sql';
import { decideOverlap } from './overlap';
import { planFires } from './plan-fires';
import { QuotaExceededError } from '../quotas/run-quota';
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

interface LockedSchedule {
  id: string;
  workspaceId: string;
  workflowId: string;
  versionId: string;
  cron: string;
  timezone: string;
  overlap: string;
  catchUp: string;
  paused: boolean;
  nextFireAtMs: number | null;
}

/**
 * Fires what a due schedule owes, in one transaction on the runtime's own connection pool
 * (ticks are a hot path: dozens a second): the schedule row is locked with SKIP LOCKED, so
 * concurrent schedulers share the due schedules instead of queueing on them, and a
 * schedule another scheduler already advanced no longer matches. Returns the number of
 * ticks fired (started, queued or skipped by the overlap policy).
 */
export async function fireDueSchedule(env: FireEnv, due: DueSchedule): Promise<number> {
  return transaction(env.runtime, async (sql) => {
    const limited = due.workflow.concurrencyLimit !== null;
    const workflow = await sql.query(
      `SELECT 1 AS ok FROM "Workflow" WHERE id = $1 ${limited ? 'FOR UPDATE' : 'FOR KEY SHARE'}`,
      [due.workflowId],
    );
    if (workflow.length === 0) return 0;
    // Prisma's DateTime columns hold UTC wall time; EXTRACT(EPOCH) reads them as UTC.
    const rows = await sql.query<LockedSchedule>(
      `SELECT ${SCHEDULE_COLUMNS} FROM "Schedule" s WHERE id = $1 FOR UPDATE SKIP LOCKED`,
      [due.id],
    );
    const schedule = rows[0];
    if (!schedule) return 0;
    return fireLocked(sql, env, schedule);
  });
}

/** Fires what a schedule whose row (and workflow) this transaction locked owes. */
async function fireLocked(sql: Sql, env: FireEnv, schedule: LockedSchedule): Promise<number> {
  const nextFireAt = schedule.nextFireAtMs ?? undefined;
  if (schedule.paused || nextFireAt === undefined || nextFireAt > env.now) return 0;
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
    if (await fireTick(sql, env, schedule, at)) fired++;
  }
  const last = plan.fire[plan.fire.length - 1];
  await sql.query(
    `UPDATE "Schedule" SET "nextFireAt" = $2::timestamptz AT TIME ZONE 'UTC',
       "lastFiredAt" = COALESCE($3::timestamptz AT TIME ZONE 'UTC', "lastFiredAt")
     WHERE id = $1`,
    [schedule.id, utc(plan.nextFireAt ?? undefined), utc(last)],
  );
  return fired;
}

const asDue = (s: LockedSchedule): DueSchedule => ({
  id: s.id,
  workflowId: s.workflowId,
  workflow: { concurrencyLimit: null },
});

const SCHEDULE_COLUMNS = `s.id, s."workspaceId", s."workflowId", s."versionId", s.cron, s.timezone,
  s.overlap, s."catchUp", s.paused, (EXTRACT(EPOCH FROM s."nextFireAt") * 1000)::float8 AS "nextFireAtMs"`;

/**
 * Claims up to `limit` due schedules of workflows without a concurrency limit in one
 * statement: each schedule row FOR UPDATE and its workflow FOR KEY SHARE (the lock a run
 * insert takes anyway), skipping rows another scheduler or a publish holds, so concurrent
 * schedulers take disjoint batches and never wait on each other or deadlock with a publish.
 */
const CLAIM = `
  SELECT ${SCHEDULE_COLUMNS}
  FROM "Schedule" s JOIN "Workflow" w ON w.id = s."workflowId"
  WHERE s.paused = false AND s."nextFireAt" <= $1::timestamptz AT TIME ZONE 'UTC'
    AND w."concurrencyLimit" IS NULL AND NOT (s.id = ANY($2::text[]))
  ORDER BY s."nextFireAt"
  LIMIT $3
  FOR UPDATE OF s SKIP LOCKED
  FOR KEY SHARE OF w SKIP LOCKED`;

export interface ClaimedBatch {
  /** Schedules claimed (fewer than asked: nothing due is left unclaimed). */
  claimed: DueSchedule[];
  fired: number;
  /** Set when the batch failed as a whole: nothing of it was written. */
  error?: unknown;
}

/**
 * Claims a batch of due schedules and fires them all in one transaction: a tick costs its
 * own statements only, not a transaction and a lock attempt each. When any of them fails,
 * the whole batch is rolled back and reported with its ids, for the caller to fire them
 * one by one (fireDueSchedule), so one broken schedule only delays the others.
 */
export async function fireClaimedBatch(
  env: FireEnv,
  limit: number,
  held: string[],
): Promise<ClaimedBatch> {
  let claimed: LockedSchedule[] = [];
  try {
    const fired = await transaction(env.runtime, async (sql) => {
      claimed = await sql.query<LockedSchedule>(CLAIM, [utc(env.now), held, limit]);
      let count = 0;
      for (const schedule of claimed) count += await fireLocked(sql, env, schedule);
      return count;
    });
    return { claimed: claimed.map(asDue), fired };
  } catch (error) {
    return { claimed: claimed.map(asDue), fired: 0, error };
  }
}

/**
 * One tick. Its ScheduleFire row goes in first, with ON CONFLICT DO NOTHING: the primary key
 * (schedule, fire time) admits one row per tick, so a tick that was already fired — by a
 * racing scheduler, or replayed after a lost update — starts nothing. Returns whether this
 * call fired it.
 */
async function fireTick(
  sql: Sql,
  env: FireEnv,
  schedule: LockedSchedule,
  at: number,
): Promise<boolean> {
  const decision = await decideOverlap(sql, schedule);
  const outcome = decision === 'start' ? 'started' : decision === 'skip' ? 'skipped' : 'queued';
  const inserted = await sql.query(
    `INSERT INTO "ScheduleFire" ("scheduleId", "fireAt", outcome, "createdAt")
     VALUES ($1, $2::timestamptz AT TIME ZONE 'UTC', $3, now() AT TIME ZONE 'UTC')
     ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
    [schedule.id, utc(at), outcome],
  );
  if (inserted.length === 0 || decision !== 'start') return inserted.length > 0;
  const run = await startTickRun(sql, env.runtime, schedule, { at, firedAt: env.now }).catch(
    (error: unknown) => {
      // A quota refuses the tick, which is not retried: it is recorded as refused.
      if (error instanceof QuotaExceededError) return { outcome: 'refused', runId: null };
      throw error;
    },
  );
  // The workflow's own concurrency limit may still queue or skip the run.
  await sql.query(
    `UPDATE "ScheduleFire" SET outcome = $3, "runId" = $4
     WHERE "scheduleId" = $1 AND "fireAt" = $2::timestamptz AT TIME ZONE 'UTC'`,
    [schedule.id, utc(at), run.outcome, run.runId],
  );
  return true;
}
