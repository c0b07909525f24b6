import type { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';

/** Polls `check` until it returns a truthy value (returned) or `timeoutMs` passes. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface QueueJob {
  id: string;
  task: string;
  payload: Record<string, unknown>;
  key: string | null;
  run_at: Date;
  locked_at: Date | null;
  locked_by: string | null;
}

/** The graphile-worker jobs of one run (steps and timers), as stored (the public view lacks payloads). */
export async function jobsOf(runId: string): Promise<QueueJob[]> {
  return db.$queryRaw<QueueJob[]>`
    SELECT j.id::text, t.identifier AS task, j.payload, j.key, j.run_at, j.locked_at, j.locked_by
    FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE j.payload->>'runId' = ${runId} ORDER BY j.id`;
}

/** Step attempts of a run as [nodeId, attempt, status], ordered by node then attempt. */
export async function attemptsOf(runId: string, nodeId?: string) {
  const steps = await db.stepRun.findMany({
    where: { runId, ...(nodeId ? { nodeId } : {}) },
    orderBy: [{ nodeId: 'asc' }, { attempt: 'asc' }],
  });
  return steps.map((s) => [s.nodeId, s.attempt, s.status] as const);
}

/** Jobs left in the queue, of one task or all. */
export async function queuedJobs(task?: string): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM graphile_worker.jobs
    WHERE ${task ?? null}::text IS NULL OR task_identifier = ${task ?? null}`;
  return rows[0]!.n;
}

/** Most of the matching runs that were active at the same moment, from their timestamps. */
export async function maxOverlap(where: Prisma.RunWhereInput): Promise<number> {
  const runs = await db.run.findMany({ where: { ...where, startedAt: { not: null } } });
  // A start at the very moment another ends is not an overlap: ends sort first.
  const events = runs
    .flatMap((r) => [
      { at: r.startedAt!.getTime(), delta: 1 },
      { at: (r.finishedAt ?? new Date(8.64e15)).getTime(), delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let active = 0;
  let most = 0;
  for (const e of events) most = Math.max(most, (active += e.delta));
  return most;
}
