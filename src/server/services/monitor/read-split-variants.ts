import type { DbTx } from '../../db';

export interface SplitVariantFigures {
  nodeId: string;
  variant: string;
  runs: number;
  succeeded: number;
  successRate: number | null;
  p50Ms: number | null;
  avgMs: number | null;
}

/**
 * A workflow's finished runs of the window that went through an A/B split, by split step and
 * the variant (port) it took: counts, success rate and duration, so an experiment can be read
 * off the monitor. Only asked for one workflow at a time, whose runs it reads directly (the
 * rollups do not keep ports).
 */
export async function readSplitVariants(
  db: DbTx,
  workspaceId: string,
  workflowId: string,
  window: { from: Date; to: Date },
): Promise<SplitVariantFigures[]> {
  const workflow = await db.workflow.findFirst({
    where: { id: workflowId, workspaceId },
    select: { publishedVersionId: true },
  });
  const version = workflow?.publishedVersionId
    ? await db.workflowVersion.findUnique({
        where: { id: workflow.publishedVersionId },
        select: { definition: true },
      })
    : null;
  const nodes =
    (version?.definition as { nodes?: { id: string; type: string }[] } | undefined)?.nodes ?? [];
  const splits = nodes.filter((n) => n.type === 'split').map((n) => n.id);
  if (splits.length === 0) return [];
  const rows = await db.$queryRaw<Omit<SplitVariantFigures, 'successRate'>[]>`
    SELECT n->>'id' AS "nodeId", n->>'port' AS variant,
           count(*)::int AS runs,
           (count(*) FILTER (WHERE r.status = 'succeeded'))::int AS succeeded,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r."finishedAt" - r."startedAt") * 1000) AS "p50Ms",
           avg(extract(epoch FROM r."finishedAt" - r."startedAt") * 1000)::float8 AS "avgMs"
    FROM "Run" r CROSS JOIN LATERAL jsonb_array_elements(r.state->'nodes') n
    WHERE r."workspaceId" = ${workspaceId} AND r."workflowId" = ${workflowId}
      AND r."finishedAt" >= ${window.from} AND r."finishedAt" <= ${window.to}
      AND n->>'id' = ANY(${splits}) AND n->>'port' IS NOT NULL
    GROUP BY 1, 2
    ORDER BY 1, 2`;
  return rows.map((r) => ({
    ...r,
    p50Ms: r.p50Ms === null ? null : Math.round(Number(r.p50Ms)),
    avgMs: r.avgMs === null ? null : Math.round(Number(r.avgMs)),
    successRate: r.runs ? r.succeeded / r.runs : null,
  }));
}
