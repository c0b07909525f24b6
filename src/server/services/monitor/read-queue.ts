import type { DbTx } from '../../db';
import { TASKS } from '../../runtime/queue';
import { workerIsStaleSql } from '../../runtime/worker-liveness';

export interface ActiveRunGroup {
  workflowId: string;
  priority: number;
  status: 'queued' | 'running' | 'waiting';
  runs: number;
  oldestCreatedAt: Date;
}

/** Unfinished runs by workflow, priority and status (few: the index holds them apart). */
export function readActiveRuns(db: DbTx, workspaceId: string): Promise<ActiveRunGroup[]> {
  return db.$queryRawUnsafe<ActiveRunGroup[]>(
    `SELECT "workflowId", priority, status::text AS status, count(*)::int AS runs,
            min("createdAt") AS "oldestCreatedAt"
     FROM "Run"
     WHERE "workspaceId" = $1 AND status IN ('queued', 'running', 'waiting')
     GROUP BY "workflowId", priority, status
     ORDER BY priority DESC, "workflowId", status`,
    workspaceId,
  );
}

/**
 * Where a step is: `ready` (its job may run now but no worker took it yet), `scheduled`
 * (a retry or delay not due yet), `running` (a worker holds its job) or `waiting` (a
 * delay, sub-workflow or approval keeps it; no job runs for it).
 */
export type StepState = 'ready' | 'scheduled' | 'running' | 'waiting';

export interface StepGroup {
  workflowId: string;
  priority: number;
  state: StepState;
  steps: number;
  oldestSince: Date;
}

/**
 * Step jobs in graphile-worker's queue, attributed to this workspace through their run,
 * plus the steps of its active runs that wait. The queue holds every workspace's jobs:
 * only those whose run belongs to this one are counted.
 */
export async function readStepQueue(db: DbTx, workspaceId: string): Promise<StepGroup[]> {
  const jobs = await db.$queryRawUnsafe<StepGroup[]>(
    `SELECT r."workflowId", -j.priority::int AS priority,
            CASE WHEN j.locked_at IS NOT NULL THEN 'running'
                 WHEN j.run_at > now() THEN 'scheduled' ELSE 'ready' END AS state,
            count(*)::int AS steps,
            min(CASE WHEN j.locked_at IS NOT NULL THEN j.locked_at ELSE j.run_at END)
              AS "oldestSince"
     FROM graphile_worker._private_jobs j
     JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     JOIN "Run" r ON r.id = j.payload->>'runId'
     WHERE t.identifier = $2 AND r."workspaceId" = $1 AND j.attempts < j.max_attempts
     GROUP BY 1, 2, 3`,
    workspaceId,
    TASKS.step,
  );
  const waiting = await db.$queryRawUnsafe<StepGroup[]>(
    `SELECT r."workflowId", r.priority, 'waiting' AS state, count(*)::int AS steps,
            min(coalesce(s."startedAt", r."createdAt")) AS "oldestSince"
     FROM "Run" r JOIN "StepRun" s ON s."runId" = r.id
     WHERE r."workspaceId" = $1 AND r.status IN ('running', 'waiting') AND s.status = 'waiting'
     GROUP BY 1, 2`,
    workspaceId,
  );
  return [...jobs, ...waiting];
}

/** The oldest job of this workspace that could run now but no worker has taken. */
export async function readOldestReadyJob(db: DbTx, workspaceId: string): Promise<Date | null> {
  const [row] = await db.$queryRawUnsafe<{ oldest: Date | null }[]>(
    `SELECT min(j.run_at) AS oldest
     FROM graphile_worker._private_jobs j
     JOIN "Run" r ON r.id = coalesce(j.payload->>'runId', j.payload->>'parentRunId')
     WHERE r."workspaceId" = $1 AND j.locked_at IS NULL AND j.run_at <= now()
       AND j.attempts < j.max_attempts`,
    workspaceId,
  );
  return row?.oldest ?? null;
}

export interface WorkerJob {
  runId: string;
  workflowId: string;
  task: string;
  nodeId: string | null;
  lockedAt: Date;
}

export interface WorkerRow {
  id: string;
  hostname: string;
  pid: number;
  version: string;
  concurrency: number;
  runningJobs: number;
  startedAt: Date;
  lastSeenAt: Date;
  /** Its heartbeat is recent enough (worker-liveness.ts); a silent worker's jobs go to others. */
  alive: boolean;
  /** Jobs of this workspace the worker holds right now, oldest first (at most 20). */
  jobs: WorkerJob[];
}

const JOBS_PER_WORKER = 20;

/**
 * Every worker process (they serve all workspaces) with the jobs of this workspace it
 * holds. A worker locks jobs under its queue pools' ids (`lockIds`).
 */
export async function readWorkers(db: DbTx, workspaceId: string): Promise<WorkerRow[]> {
  const workers = await db.$queryRawUnsafe<(Omit<WorkerRow, 'jobs'> & { lockIds: string[] })[]>(
    `SELECT id, hostname, pid, version, concurrency, "runningJobs", "startedAt", "lastSeenAt",
            "lockIds", NOT (${workerIsStaleSql()}) AS alive
     FROM "WorkerHeartbeat"
     ORDER BY "startedAt", id`,
  );
  const owner = new Map(workers.flatMap((w) => w.lockIds.map((lockId) => [lockId, w.id])));
  const held =
    owner.size === 0
      ? []
      : await db.$queryRawUnsafe<(WorkerJob & { lockedBy: string })[]>(
          `SELECT r.id AS "runId", r."workflowId", t.identifier AS task,
                  j.payload->>'nodeId' AS "nodeId", j.locked_at AS "lockedAt",
                  j.locked_by AS "lockedBy"
           FROM graphile_worker._private_jobs j
           JOIN graphile_worker._private_tasks t ON t.id = j.task_id
           JOIN "Run" r ON r.id = coalesce(j.payload->>'runId', j.payload->>'parentRunId')
           WHERE j.locked_by = ANY ($2::text[]) AND r."workspaceId" = $1
           ORDER BY j.locked_at`,
          workspaceId,
          [...owner.keys()],
        );
  const jobsOf = new Map<string, WorkerJob[]>();
  for (const { lockedBy, ...job } of held) {
    const workerId = owner.get(lockedBy)!;
    const list = jobsOf.get(workerId) ?? [];
    if (list.length < JOBS_PER_WORKER) list.push(job);
    jobsOf.set(workerId, list);
  }
  return workers.map(({ lockIds: _lockIds, ...w }) => ({ ...w, jobs: jobsOf.get(w.id) ?? [] }));
}

export interface ConcurrencyRow {
  workflowId: string;
  name: string;
  limit: number;
  policy: string;
  active: number;
  queued: number;
}

/** Workflows with a concurrency limit and how full it is. */
export function readConcurrency(db: DbTx, workspaceId: string): Promise<ConcurrencyRow[]> {
  return db.$queryRawUnsafe<ConcurrencyRow[]>(
    `SELECT w.id AS "workflowId", w.name, w."concurrencyLimit" AS "limit",
            w."concurrencyPolicy" AS policy,
            count(r.id) FILTER (WHERE r.status IN ('running', 'waiting'))::int AS active,
            count(r.id) FILTER (WHERE r.status = 'queued')::int AS queued
     FROM "Workflow" w
     LEFT JOIN "Run" r ON r."workflowId" = w.id AND r."workspaceId" = $1
       AND r.status IN ('queued', 'running', 'waiting')
     WHERE w."workspaceId" = $1 AND w."concurrencyLimit" IS NOT NULL
     GROUP BY w.id
     ORDER BY w.name`,
    workspaceId,
  );
}
