import type { DbTx } from '../db';
import { asSql } from '../runtime/sql';
import { readRunQuotas, type RunQuotas } from './run-quota';

export interface QuotaUsage {
  quotas: RunQuotas;
  runsThisMonth: number;
  activeRuns: number;
}

/** A workspace's quotas next to what it uses of them, for the settings' bars. */
export async function quotaUsage(db: DbTx, workspaceId: string, now: Date): Promise<QuotaUsage> {
  const quotas = await readRunQuotas(asSql(db), workspaceId);
  const month = now.toISOString().slice(0, 7);
  const usage = await db.workspaceUsage.findUnique({
    where: { workspaceId_month: { workspaceId, month } },
    select: { runs: true },
  });
  const activeRuns = await db.run.count({
    where: { workspaceId, status: { in: ['queued', 'running', 'waiting'] } },
  });
  return { quotas, runsThisMonth: usage?.runs ?? 0, activeRuns };
}
