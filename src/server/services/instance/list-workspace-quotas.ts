import type { DbTx } from '../../db';
import { processEnv } from '../../env';
import { quotaUsage, type QuotaLimits, type QuotaUsage } from '../../quotas/quota-usage';
import { requireInstanceAdmin } from './require-instance-admin';

export interface WorkspaceQuotaRow {
  workspaceId: string;
  slug: string;
  name: string;
  /** The quotas set for this workspace; null: the environment's default applies. */
  overrides: QuotaLimits;
  usage: QuotaUsage;
}

/** The environment's quota of every workspace that sets none (null: no quota). */
export function defaultQuotas(): QuotaLimits {
  const env = processEnv();
  return {
    runsPerMonth: env.MINIFLOW_QUOTA_RUNS_PER_MONTH ?? null,
    activeRuns: env.MINIFLOW_QUOTA_ACTIVE_RUNS ?? null,
    storedBytes: env.MINIFLOW_QUOTA_STORED_BYTES ?? null,
    workflows: env.MINIFLOW_QUOTA_WORKFLOWS ?? null,
    fastSchedules: env.MINIFLOW_QUOTA_FAST_SCHEDULES ?? null,
  };
}

const MAX_WORKSPACES = 500;

/** Every workspace of the installation with its quotas and usage: instance admins only. */
export async function listWorkspaceQuotas(db: DbTx, userId: string) {
  await requireInstanceAdmin(db, userId);
  const workspaces = await db.workspace.findMany({
    where: { deletedAt: null },
    orderBy: { slug: 'asc' },
    take: MAX_WORKSPACES,
    select: {
      id: true,
      slug: true,
      name: true,
      quotaRunsPerMonth: true,
      quotaActiveRuns: true,
      quotaStoredBytes: true,
      quotaWorkflows: true,
      quotaFastSchedules: true,
    },
  });
  const now = new Date();
  const rows: WorkspaceQuotaRow[] = [];
  for (const w of workspaces) {
    rows.push({
      workspaceId: w.id,
      slug: w.slug,
      name: w.name,
      overrides: {
        runsPerMonth: w.quotaRunsPerMonth,
        activeRuns: w.quotaActiveRuns,
        storedBytes: w.quotaStoredBytes === null ? null : Number(w.quotaStoredBytes),
        workflows: w.quotaWorkflows,
        fastSchedules: w.quotaFastSchedules,
      },
      usage: await quotaUsage(db, w.id, now),
    });
  }
  return { defaults: defaultQuotas(), workspaces: rows };
}
