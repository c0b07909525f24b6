import { Gauge, type Registry } from 'prom-client';
import { processEnv } from '../env';
import { logger } from '../logger';
import type { ClusterSource } from './cluster-gauges';

const QUOTAS = ['runs_per_month', 'active_runs', 'stored_bytes', 'workflows', 'fast_schedules'];
type Quota = (typeof QUOTAS)[number];

interface UsageRow {
  slug: string;
  limits: Record<Quota, number | null>;
  usage: Record<Quota, number>;
}

interface RawRow {
  slug: string;
  runsPerMonth: number | null;
  activeRunsQuota: number | null;
  storedBytesQuota: number | null;
  workflowsQuota: number | null;
  fastSchedulesQuota: number | null;
  runsThisMonth: number | null;
  activeRuns: number;
  storedBytes: number;
  workflows: number;
  fastSchedules: number;
}

// Only workspaces with a quota of their own, unless the environment gives every one a quota.
const usageSql = (everyWorkspace: boolean) => `
  SELECT w.slug, w."quotaRunsPerMonth" AS "runsPerMonth", w."quotaActiveRuns" AS "activeRunsQuota",
    w."quotaStoredBytes"::float8 AS "storedBytesQuota", w."quotaWorkflows" AS "workflowsQuota",
    w."quotaFastSchedules" AS "fastSchedulesQuota", w."storedBytes"::float8 AS "storedBytes",
    (SELECT u.runs FROM "WorkspaceUsage" u WHERE u."workspaceId" = w.id
       AND u.month = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')) AS "runsThisMonth",
    (SELECT count(*)::int FROM "Run" r WHERE r."workspaceId" = w.id
       AND r.status IN ('queued', 'running', 'waiting')) AS "activeRuns",
    (SELECT count(*)::int FROM "Workflow" f WHERE f."workspaceId" = w.id) AS workflows,
    (SELECT count(*)::int FROM "Schedule" s WHERE s."workspaceId" = w.id AND s."subMinute")
      AS "fastSchedules"
  FROM "Workspace" w
  WHERE w."deletedAt" IS NULL AND (${everyWorkspace} OR coalesce(w."quotaRunsPerMonth",
    w."quotaActiveRuns", w."quotaStoredBytes", w."quotaWorkflows", w."quotaFastSchedules") IS NOT NULL)
  ORDER BY w.slug`;

async function readUsage(db: ClusterSource): Promise<UsageRow[] | undefined> {
  const env = processEnv();
  const defaults: Record<Quota, number | null> = {
    runs_per_month: env.MINIFLOW_QUOTA_RUNS_PER_MONTH ?? null,
    active_runs: env.MINIFLOW_QUOTA_ACTIVE_RUNS ?? null,
    stored_bytes: env.MINIFLOW_QUOTA_STORED_BYTES ?? null,
    workflows: env.MINIFLOW_QUOTA_WORKFLOWS ?? null,
    fast_schedules: env.MINIFLOW_QUOTA_FAST_SCHEDULES ?? null,
  };
  try {
    const everyWorkspace = Object.values(defaults).some((value) => value !== null);
    const { rows } = await db.query(usageSql(everyWorkspace));
    return (rows as RawRow[]).map((row) => ({
      slug: row.slug,
      limits: {
        runs_per_month: row.runsPerMonth ?? defaults.runs_per_month!,
        active_runs: row.activeRunsQuota ?? defaults.active_runs!,
        stored_bytes: row.storedBytesQuota ?? defaults.stored_bytes!,
        workflows: row.workflowsQuota ?? defaults.workflows!,
        fast_schedules: row.fastSchedulesQuota ?? defaults.fast_schedules!,
      },
      usage: {
        runs_per_month: row.runsThisMonth ?? 0,
        active_runs: row.activeRuns,
        stored_bytes: row.storedBytes,
        workflows: row.workflows,
        fast_schedules: row.fastSchedules,
      },
    }));
  } catch (error) {
    logger.warn({ err: error }, 'Could not read the workspaces’ quota usage');
    return undefined;
  }
}

/**
 * Quotas and their usage per workspace with a quota, read from PostgreSQL when scraped (one
 * read serves both gauges, reused for `ttlMs`). Workspace slugs name tenants: register them
 * where only a scrape with the metrics token sees them.
 */
export function registerQuotaGauges(
  registry: Registry,
  source: () => ClusterSource | undefined,
  ttlMs = 5_000,
) {
  let cached: { at: number; read: Promise<UsageRow[] | undefined> } | undefined;
  const read = () => {
    const now = Date.now();
    if (cached && now - cached.at < ttlMs) return cached.read;
    const db = source();
    cached = { at: now, read: db ? readUsage(db) : Promise.resolve(undefined) };
    return cached.read;
  };
  const gauge = (
    name: string,
    help: string,
    pick: (row: UsageRow, quota: Quota) => number | null,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['workspace', 'quota'] as const,
      registers: [registry],
      async collect() {
        const rows = await read();
        if (!rows) return;
        this.reset();
        for (const row of rows) {
          for (const quota of QUOTAS) {
            const value = pick(row, quota);
            if (value !== null) this.set({ workspace: row.slug, quota }, value);
          }
        }
      },
    });
  gauge(
    'miniflow_workspace_quota_limit',
    'Quotas of workspaces that have any, by workspace slug and quota (shown with the metrics token only).',
    (row, quota) => row.limits[quota] ?? null,
  );
  gauge(
    'miniflow_workspace_quota_usage',
    'What workspaces with a quota use, by workspace slug and quota; stored bytes are the last estimate (shown with the metrics token only).',
    (row, quota) => row.usage[quota] ?? null,
  );
}
