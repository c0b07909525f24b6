import type { Db, DbTx } from '../../db';
import { requireRole, type Actor } from '../actor';
import { readRunRollups } from './read-run-rollups';
import { refreshRollups } from './refresh-rollups';
import { summarize, summarizeByWorkflow } from './summarize-runs';
import { timeWindow } from './time-window';

const LIST_LIMIT = 8;

/**
 * The workspace at a glance: recent failures, runs in progress, the next scheduled runs
 * and each workflow's success rate over the last 24 hours (from the hour rollups).
 */
export async function getHomeDashboard(db: Db, actor: Actor) {
  requireRole(actor, 'viewer');
  await refreshRollups(db);
  return readHomeDashboard(db, actor.workspaceId, new Date());
}

export async function readHomeDashboard(db: DbTx, workspaceId: string, now: Date) {
  const runSelect = {
    id: true,
    status: true,
    workflowId: true,
    createdAt: true,
    startedAt: true,
    finishedAt: true,
    workflow: { select: { name: true } },
  } as const;
  const failures = await db.run.findMany({
    where: { workspaceId, status: 'failed' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: LIST_LIMIT,
    select: { ...runSelect, error: true },
  });
  const inProgress = await db.run.findMany({
    where: { workspaceId, status: { in: ['queued', 'running', 'waiting'] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: LIST_LIMIT,
    select: runSelect,
  });
  const inProgressTotal = await db.run.count({
    where: { workspaceId, status: { in: ['queued', 'running', 'waiting'] } },
  });
  const schedules = await db.schedule.findMany({
    where: { workspaceId, paused: false, nextFireAt: { not: null } },
    orderBy: [{ nextFireAt: 'asc' }, { id: 'asc' }],
    take: LIST_LIMIT,
    select: {
      id: true,
      workflowId: true,
      cron: true,
      timezone: true,
      nextFireAt: true,
      workflow: { select: { name: true } },
    },
  });
  const window = timeWindow('24h', now);
  const rows = await readRunRollups(db, workspaceId, window);
  const byWorkflow = summarizeByWorkflow(rows);
  const workflows = await db.workflow.findMany({
    where: { workspaceId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
  return {
    recentFailures: failures.map(({ error, ...run }) => ({ ...run, message: messageOf(error) })),
    inProgress,
    inProgressTotal,
    nextScheduled: schedules,
    health: {
      from: window.from,
      to: window.to,
      overall: summarize(rows),
      workflows: workflows.map((w) => {
        const s = byWorkflow.get(w.id) ?? summarize([]);
        return {
          workflowId: w.id,
          name: w.name,
          runs: s.runs,
          succeeded: s.succeeded,
          failed: s.failed,
          successRate: s.successRate,
        };
      }),
    },
  };
}

function messageOf(error: unknown): string | null {
  if (error && typeof error === 'object' && 'message' in error) {
    const message = error.message;
    if (typeof message === 'string') return message.slice(0, 300);
  }
  return null;
}

export type HomeDashboard = Awaited<ReturnType<typeof readHomeDashboard>>;
