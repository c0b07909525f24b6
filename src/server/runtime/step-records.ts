import { Prisma } from '@/generated/prisma/client';
import type { DbTx } from '../db';

/** One attempt of one step, as the dashboards read it. */
export interface StepRecord {
  nodeId: string;
  attempt: number;
  status: 'succeeded' | 'failed' | 'waiting' | 'cancelled' | 'skipped';
  output?: unknown;
  error?: unknown;
  startedAt?: number;
  finishedAt?: number;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
// Prisma's DateTime columns are UTC `timestamp`s: convert explicitly, whatever the server's zone.
const date = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * Upserts step attempts keyed by (run, step, attempt): a duplicate delivery rewrites the
 * same row instead of adding one, and a waiting step's row becomes final later.
 */
export async function saveStepRecords(
  tx: DbTx,
  run: { id: string; workspaceId: string },
  records: Iterable<StepRecord>,
): Promise<void> {
  const rows = [...records].map(
    (
      r,
    ) => Prisma.sql`(${`${run.id}:${r.nodeId}:${r.attempt}`}, ${run.workspaceId}, ${run.id}, ${r.nodeId}, ${r.attempt},
      ${r.status}::"StepStatus", ${json(r.output)}::jsonb, ${json(r.error)}::jsonb,
      (${date(r.startedAt)}::timestamptz AT TIME ZONE 'UTC'), (${date(r.finishedAt)}::timestamptz AT TIME ZONE 'UTC'),
      ${r.startedAt !== undefined && r.finishedAt !== undefined ? Math.round(r.finishedAt - r.startedAt) : null}::int)`,
  );
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "StepRun" ("id", "workspaceId", "runId", "nodeId", "attempt", "status", "output", "error", "startedAt", "finishedAt", "durationMs")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("runId", "nodeId", "attempt") DO UPDATE SET
      "status" = EXCLUDED."status", "output" = EXCLUDED."output", "error" = EXCLUDED."error",
      "startedAt" = COALESCE("StepRun"."startedAt", EXCLUDED."startedAt"),
      "finishedAt" = EXCLUDED."finishedAt",
      "durationMs" = COALESCE(EXCLUDED."durationMs", "StepRun"."durationMs")`;
}
