import type { Db, DbTx } from '../../db';
import { requireRole, type Actor } from '../actor';
import {
  readActiveRuns,
  readConcurrency,
  readOldestReadyJob,
  readStepQueue,
  readWorkers,
} from './read-queue';
import { readThroughput } from './read-run-rollups';
import { refreshRollups } from './refresh-rollups';
import { timeWindow } from './time-window';

/**
 * What is queued, running and waiting in the workspace, the workers, the concurrency
 * limits, and the last hour's throughput (from the minute rollups).
 */
export async function getQueueMonitor(db: Db, actor: Actor) {
  requireRole(actor, 'viewer');
  await refreshRollups(db);
  return readQueueMonitor(db, actor.workspaceId, new Date());
}

export async function readQueueMonitor(db: DbTx, workspaceId: string, now: Date) {
  const workflows = await db.workflow.findMany({
    where: { workspaceId },
    select: { id: true, name: true },
  });
  const names = new Map(workflows.map((w) => [w.id, w.name]));
  const named = <T extends { workflowId: string }>(rows: T[]) =>
    rows.map((row) => ({ ...row, workflowName: names.get(row.workflowId) ?? row.workflowId }));

  const runs = named(await readActiveRuns(db, workspaceId));
  const steps = named(await readStepQueue(db, workspaceId));
  const oldestReadyJob = await readOldestReadyJob(db, workspaceId);
  const oldestQueuedRun = runs
    .filter((r) => r.status === 'queued')
    .reduce<Date | null>(
      (oldest, r) => (!oldest || r.oldestCreatedAt < oldest ? r.oldestCreatedAt : oldest),
      null,
    );
  const window = timeWindow('1h', now);
  const throughput = (await readThroughput(db, workspaceId, window)).map((p) => ({
    bucket: p.bucket,
    runsPerSecond: p.runs / (window.stepMs / 1000),
    stepsPerSecond: p.steps / (window.stepMs / 1000),
  }));
  const workers = await readWorkers(db, workspaceId);
  return {
    now,
    totals: {
      queuedRuns: sum(runs.filter((r) => r.status === 'queued').map((r) => r.runs)),
      runningRuns: sum(runs.filter((r) => r.status === 'running').map((r) => r.runs)),
      waitingRuns: sum(runs.filter((r) => r.status === 'waiting').map((r) => r.runs)),
      readySteps: sum(steps.filter((s) => s.state === 'ready').map((s) => s.steps)),
      runningSteps: sum(steps.filter((s) => s.state === 'running').map((s) => s.steps)),
      waitingSteps: sum(
        steps.filter((s) => s.state === 'waiting' || s.state === 'scheduled').map((s) => s.steps),
      ),
    },
    oldestReadyJobAgeMs: oldestReadyJob
      ? Math.max(0, now.getTime() - oldestReadyJob.getTime())
      : null,
    oldestQueuedRunAgeMs: oldestQueuedRun
      ? Math.max(0, now.getTime() - oldestQueuedRun.getTime())
      : null,
    runs,
    steps,
    throughput: { from: window.from, stepMs: window.stepMs, points: throughput },
    workers,
    concurrency: await readConcurrency(db, workspaceId),
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export type QueueMonitor = Awaited<ReturnType<typeof readQueueMonitor>>;
