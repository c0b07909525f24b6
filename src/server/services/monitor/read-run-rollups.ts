import type { DbTx } from '../../db';
import type { RollupRow } from './summarize-runs';
import type { TimeWindow } from './time-window';

/** The run rollup rows of a workspace (optionally one workflow) inside a window. */
export async function readRunRollups(
  db: DbTx,
  workspaceId: string,
  window: TimeWindow,
  workflowId?: string,
): Promise<RollupRow[]> {
  const rows = await db.runRollup.findMany({
    where: {
      workspaceId,
      grain: window.grain,
      bucket: { gte: window.from },
      ...(workflowId ? { workflowId } : {}),
    },
    select: {
      workflowId: true,
      bucket: true,
      status: true,
      runs: true,
      durationCount: true,
      durationSumMs: true,
      histogram: true,
    },
  });
  return rows.map((row) => ({ ...row, durationSumMs: Number(row.durationSumMs) }));
}

export interface TopFailure {
  workflowId: string;
  nodeId: string;
  nodeType: string;
  message: string;
  failures: number;
  lastRunId: string;
}

/** The step failures of a window, most frequent first. */
export async function readTopFailures(
  db: DbTx,
  workspaceId: string,
  window: TimeWindow,
  limit: number,
  workflowId?: string,
): Promise<TopFailure[]> {
  const groups = await db.stepFailureRollup.groupBy({
    by: ['workflowId', 'nodeId', 'nodeType', 'message'],
    where: {
      workspaceId,
      grain: window.grain,
      bucket: { gte: window.from },
      ...(workflowId ? { workflowId } : {}),
    },
    _sum: { failures: true },
    _max: { bucket: true },
    orderBy: [{ _sum: { failures: 'desc' } }, { nodeId: 'asc' }],
    take: limit,
  });
  if (groups.length === 0) return [];
  // The run behind the latest bucket of each group, for the drill-down.
  const latest = await db.stepFailureRollup.findMany({
    where: {
      workspaceId,
      grain: window.grain,
      OR: groups.map((g) => ({
        workflowId: g.workflowId,
        nodeId: g.nodeId,
        nodeType: g.nodeType,
        message: g.message,
        bucket: g._max.bucket!,
      })),
    },
    select: { workflowId: true, nodeId: true, nodeType: true, message: true, lastRunId: true },
  });
  const key = (g: { workflowId: string; nodeId: string; nodeType: string; message: string }) =>
    JSON.stringify([g.workflowId, g.nodeId, g.nodeType, g.message]);
  const runOf = new Map(latest.map((row) => [key(row), row.lastRunId]));
  return groups.map((g) => ({
    workflowId: g.workflowId,
    nodeId: g.nodeId,
    nodeType: g.nodeType,
    message: g.message,
    failures: g._sum.failures ?? 0,
    lastRunId: runOf.get(key(g)) ?? '',
  }));
}

export interface ThroughputPoint {
  bucket: Date;
  runs: number;
  steps: number;
}

/** Runs and steps finished per bucket of the window, zeros included. */
export async function readThroughput(
  db: DbTx,
  workspaceId: string,
  window: TimeWindow,
): Promise<ThroughputPoint[]> {
  const where = { workspaceId, grain: window.grain, bucket: { gte: window.from } };
  const runs = await db.runRollup.groupBy({ by: ['bucket'], where, _sum: { runs: true } });
  const steps = await db.stepRollup.groupBy({ by: ['bucket'], where, _sum: { steps: true } });
  const runsAt = new Map(runs.map((r) => [r.bucket.getTime(), r._sum.runs ?? 0]));
  const stepsAt = new Map(steps.map((s) => [s.bucket.getTime(), s._sum.steps ?? 0]));
  return window.buckets.map((bucket) => ({
    bucket,
    runs: runsAt.get(bucket.getTime()) ?? 0,
    steps: stepsAt.get(bucket.getTime()) ?? 0,
  }));
}
