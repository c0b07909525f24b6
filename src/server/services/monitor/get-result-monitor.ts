import type { z } from 'zod';
import type { Db, DbTx } from '../../db';
import { requireRole, type Actor } from '../actor';
import { assertFilterIds } from '../filter-ids';
import type { resultMonitorInput } from './monitor-inputs';
import { readRunRollups, readTopFailures } from './read-run-rollups';
import { readSplitVariants } from './read-split-variants';
import { refreshRollups } from './refresh-rollups';
import { summarize, summarizeByBucket, summarizeByWorkflow } from './summarize-runs';
import { timeWindow } from './time-window';

type Input = z.infer<typeof resultMonitorInput>;

const TOP_FAILURES = 10;

/**
 * Runs, success rate and duration percentiles of a window, overall, per bucket (the
 * charts) and per workflow, with the most frequent step failures. Reads rollups only.
 */
export async function getResultMonitor(db: Db, actor: Actor, input: Input) {
  requireRole(actor, 'viewer');
  await assertFilterIds(db, actor.workspaceId, { workflowId: input.workflowId });
  await refreshRollups(db);
  return readResultMonitor(db, actor.workspaceId, input, new Date());
}

export async function readResultMonitor(db: DbTx, workspaceId: string, input: Input, now: Date) {
  const window = timeWindow(input.window, now);
  const rows = await readRunRollups(db, workspaceId, window, input.workflowId);
  const workflows = await db.workflow.findMany({
    where: { workspaceId, ...(input.workflowId ? { id: input.workflowId } : {}) },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  const byWorkflow = summarizeByWorkflow(rows);
  const failures = await readTopFailures(db, workspaceId, window, TOP_FAILURES, input.workflowId);
  const names = new Map(workflows.map((w) => [w.id, w.name]));
  const splitVariants = input.workflowId
    ? await readSplitVariants(db, workspaceId, input.workflowId, window)
    : [];
  return {
    window: {
      name: input.window,
      grain: window.grain,
      from: window.from,
      to: window.to,
      stepMs: window.stepMs,
    },
    overall: summarize(rows),
    series: summarizeByBucket(rows, window.buckets),
    workflows: workflows
      .map((w) => ({ workflowId: w.id, name: w.name, ...(byWorkflow.get(w.id) ?? summarize([])) }))
      .sort((a, b) => b.runs - a.runs || a.name.localeCompare(b.name)),
    topFailures: failures
      .filter((f) => names.has(f.workflowId))
      .map((f) => ({ ...f, workflowName: names.get(f.workflowId)! })),
    splitVariants,
  };
}

export type ResultMonitor = Awaited<ReturnType<typeof readResultMonitor>>;
