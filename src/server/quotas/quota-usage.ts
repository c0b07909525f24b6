import type { DbTx } from '../db';
import { asSql } from '../runtime/sql';
import { readRunQuotas } from './run-quota';
import { readContentQuotas } from './workspace-quotas';

/** Every quota of a workspace (null: none), as its settings and the admins' page show it. */
export interface QuotaLimits {
  runsPerMonth: number | null;
  activeRuns: number | null;
  storedBytes: number | null;
  workflows: number | null;
  fastSchedules: number | null;
}

export interface QuotaUsage {
  quotas: QuotaLimits;
  runsThisMonth: number;
  activeRuns: number;
  /** The last estimate of its stored run data, and when it was made (null: never). */
  storedBytes: number;
  storedBytesAt: Date | null;
  workflows: number;
  fastSchedules: number;
}

/** A workspace's quotas next to what it uses of them, for the settings' bars. */
export async function quotaUsage(db: DbTx, workspaceId: string, now: Date): Promise<QuotaUsage> {
  const { storedBytesUsed, ...runQuotas } = await readRunQuotas(asSql(db), workspaceId);
  const contentQuotas = await readContentQuotas(db, workspaceId);
  const month = now.toISOString().slice(0, 7);
  const usage = await db.workspaceUsage.findUnique({
    where: { workspaceId_month: { workspaceId, month } },
    select: { runs: true },
  });
  const activeRuns = await db.run.count({
    where: { workspaceId, status: { in: ['queued', 'running', 'waiting'] } },
  });
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { storedBytesAt: true },
  });
  const workflows = await db.workflow.count({ where: { workspaceId } });
  const fastSchedules = await db.schedule.count({ where: { workspaceId, subMinute: true } });
  return {
    quotas: { ...runQuotas, ...contentQuotas },
    runsThisMonth: usage?.runs ?? 0,
    activeRuns,
    storedBytes: storedBytesUsed,
    storedBytesAt: workspace.storedBytesAt,
    workflows,
    fastSchedules,
  };
}
