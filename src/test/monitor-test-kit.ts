import { db } from '@/server/db';
import { edge, node, ownerActor, publish } from '@/test/runtime-fixtures';

/** A workspace with one published two-step workflow, for generated runs. */
export async function workspaceWithWorkflow(name = 'Generated') {
  const actor = await ownerActor();
  const { workflowId, versionId } = await publish(actor, {
    name,
    nodes: [node('start', 'manual'), node('call', 'http', { url: 'https://example.com/' })],
    edges: [edge('start', 'call')],
  });
  return { actor, workspaceId: actor.workspaceId, workflowId, versionId };
}

export interface GeneratedRuns {
  workspaceId: string;
  workflowId: string;
  versionId: string;
  /** Runs to insert. */
  count: number;
  /** The first run finishes this long before now; the others spread evenly after it. */
  spanMs: number;
  /** Ends of the span this long before now (default 0). */
  endMsAgo?: number;
  tag: string;
}

/**
 * Inserts finished runs with generate_series: every 10th failed (with a failed `call`
 * step), every 37th cancelled, the rest succeeded; durations spread log-uniformly from
 * 10 ms to about 11 s. Run g finishes at now - endMsAgo - spanMs * (1 - g / count).
 */
export async function insertFinishedRuns(spec: GeneratedRuns): Promise<void> {
  await db.$executeRawUnsafe(
    `WITH g AS (
       SELECT g,
              (now() AT TIME ZONE 'UTC') - ($7::bigint * interval '1 millisecond')
                - (($6::float8 * (1 - g::float8 / $5)) * interval '1 millisecond') AS fin,
              round(10 * power(1.0007, (g * 7919) % 10000))::bigint AS dur
       FROM generate_series(1, $5) AS g
     )
     INSERT INTO "Run" (id, "workspaceId", "workflowId", "versionId", status, trigger, input,
       "createdAt", "startedAt", "finishedAt", error)
     SELECT $4 || '-' || g, $1, $2, $3,
            (CASE WHEN g % 10 = 0 THEN 'failed' WHEN g % 37 = 0 THEN 'cancelled'
                  ELSE 'succeeded' END)::"RunStatus",
            'api', '{}'::jsonb,
            date_trunc('milliseconds', fin) - dur * interval '1 millisecond',
            date_trunc('milliseconds', fin) - dur * interval '1 millisecond',
            date_trunc('milliseconds', fin),
            CASE WHEN g % 10 = 0 THEN '{"message": "Upstream answered 502"}'::jsonb END
     FROM g`,
    spec.workspaceId,
    spec.workflowId,
    spec.versionId,
    spec.tag,
    spec.count,
    spec.spanMs,
    spec.endMsAgo ?? 0,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "StepRun" (id, "workspaceId", "runId", "nodeId", attempt, status, error,
       "startedAt", "finishedAt", "durationMs")
     SELECT r.id || ':call:1', r."workspaceId", r.id, 'call', 1,
            (CASE WHEN r.status = 'failed' THEN 'failed' ELSE 'succeeded' END)::"StepStatus",
            r.error, r."startedAt", r."finishedAt",
            (extract(epoch FROM r."finishedAt" - r."startedAt") * 1000)::int
     FROM "Run" r WHERE r.id LIKE $1 || '-%' AND r.status <> 'cancelled'`,
    spec.tag,
  );
}

/** Exact figures over the raw runs finished at or after `from`, for comparison. */
export async function directFigures(workspaceId: string, from: Date, workflowId?: string) {
  const rows = await db.$queryRawUnsafe<{ status: string; dur: number | null }[]>(
    `SELECT status::text AS status,
            (extract(epoch FROM "finishedAt" - "startedAt") * 1000)::float8 AS dur
     FROM "Run"
     WHERE "workspaceId" = $1 AND "finishedAt" >= ($2::timestamptz AT TIME ZONE 'UTC')
       AND ($3::text IS NULL OR "workflowId" = $3)`,
    workspaceId,
    from.toISOString(),
    workflowId ?? null,
  );
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  const durations = rows
    .map((r) => r.dur)
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  const rank = (q: number) => durations[Math.max(1, Math.ceil(q * durations.length)) - 1] ?? null;
  return {
    runs: rows.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    p50: rank(0.5),
    p95: rank(0.95),
    p99: rank(0.99),
  };
}

/** The current transaction's reads of a table, from PostgreSQL's own counters. */
export async function tableReads(
  tx: { $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T> },
  table: string,
) {
  const [row] = await tx.$queryRawUnsafe<
    { seqScans: number; seqTuples: number; idxScans: number; idxTuples: number }[]
  >(
    `SELECT coalesce(seq_scan, 0)::int AS "seqScans", coalesce(seq_tup_read, 0)::int AS "seqTuples",
            coalesce(idx_scan, 0)::int AS "idxScans", coalesce(idx_tup_fetch, 0)::int AS "idxTuples"
     FROM pg_stat_xact_user_tables WHERE relname = $1`,
    table,
  );
  return row ?? { seqScans: 0, seqTuples: 0, idxScans: 0, idxTuples: 0 };
}
