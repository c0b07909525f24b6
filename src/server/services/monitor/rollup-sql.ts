import { FINAL_RUN_STATUSES } from '@/engine';
import { bucketOfSql, HISTOGRAM_BUCKETS } from './duration-histogram';

const FINAL_STATUS_LIST = FINAL_RUN_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * The statements that rebuild the rollups from `$1` (a UTC timestamp, minute-aligned) on.
 * Each deletes its buckets and inserts them again from the source rows, so running one
 * twice, or over a window that was rolled up before, gives the same rows.
 * Minute rows come from runs and steps; hour rows are sums of minute rows.
 */

const FROM = `($1::timestamptz AT TIME ZONE 'UTC')`;
const HOUR_FROM = `date_trunc('hour', ${FROM})`;
/** `$2`: where a catch-up chunk ends (exclusive); null when the rebuild runs up to now. */
const before = (column: string) =>
  `($2::timestamptz IS NULL OR ${column} < ($2::timestamptz AT TIME ZONE 'UTC'))`;

const N = HISTOGRAM_BUCKETS;

/**
 * Per group, the bucket indexes of its runs become a dense array of counts. The work stays
 * inside each group (integer keys), never a join or sort across groups.
 */
const DENSE_FROM_INDEXES = `ARRAY(
  SELECT coalesce(t.c, 0)::int FROM generate_series(0, ${N - 1}) AS g
  LEFT JOIN (SELECT x, count(*) AS c FROM unnest(array_agg(i)) AS x GROUP BY x) AS t ON t.x = g
  ORDER BY g)`;

/** Element-wise sum of the group's histograms (array_agg stacks them into a 2-D array). */
const SUM_OF_HISTOGRAMS = `ARRAY(
  SELECT sum(v)::int FROM unnest(array_agg(histogram)) WITH ORDINALITY AS u(v, k)
  GROUP BY (k - 1) % ${N} ORDER BY (k - 1) % ${N})`;

export const RUN_MINUTES = [
  `DELETE FROM "RunRollup" WHERE grain = 'minute' AND bucket >= ${FROM} AND ${before('bucket')}`,
  `WITH src AS (
     SELECT "workspaceId" AS ws, "workflowId" AS wf, date_trunc('minute', "finishedAt") AS b,
            status,
            CASE WHEN "startedAt" IS NULL THEN NULL
                 ELSE GREATEST(0, extract(epoch FROM ("finishedAt" - "startedAt")) * 1000) END AS dur
     FROM "Run"
     WHERE "finishedAt" >= ${FROM} AND ${before('"finishedAt"')} AND status IN (${FINAL_STATUS_LIST})
   ),
   indexed AS (
     SELECT *, CASE WHEN dur IS NULL THEN NULL ELSE ${bucketOfSql('dur')} END AS i FROM src
   )
   INSERT INTO "RunRollup" ("workspaceId", "workflowId", grain, bucket, status, runs,
     "durationCount", "durationSumMs", histogram)
   SELECT ws, wf, 'minute'::"RollupGrain", b, status, count(*)::int, count(dur)::int,
          coalesce(round(sum(dur)), 0)::bigint, ${DENSE_FROM_INDEXES}
   FROM indexed GROUP BY ws, wf, b, status`,
];

export const RUN_HOURS = [
  `DELETE FROM "RunRollup" WHERE grain = 'hour' AND bucket >= ${HOUR_FROM} AND ${before('bucket')}`,
  `INSERT INTO "RunRollup" ("workspaceId", "workflowId", grain, bucket, status, runs,
     "durationCount", "durationSumMs", histogram)
   SELECT "workspaceId", "workflowId", 'hour'::"RollupGrain", date_trunc('hour', bucket), status,
          sum(runs)::int, sum("durationCount")::int, sum("durationSumMs")::bigint,
          ${SUM_OF_HISTOGRAMS}
   FROM "RunRollup" WHERE grain = 'minute' AND bucket >= ${HOUR_FROM} AND ${before('bucket')}
   GROUP BY "workspaceId", "workflowId", date_trunc('hour', bucket), status`,
];

export const STEP_MINUTES = [
  `DELETE FROM "StepRollup" WHERE grain = 'minute' AND bucket >= ${FROM} AND ${before('bucket')}`,
  `INSERT INTO "StepRollup" ("workspaceId", "workflowId", grain, bucket, status, steps)
   SELECT s."workspaceId", r."workflowId", 'minute'::"RollupGrain", date_trunc('minute', s."finishedAt"),
          s.status, count(*)::int
   FROM "StepRun" s JOIN "Run" r ON r.id = s."runId"
   WHERE s."finishedAt" >= ${FROM} AND ${before('s."finishedAt"')}
   GROUP BY 1, 2, 3, 4, 5`,
];

export const STEP_HOURS = [
  `DELETE FROM "StepRollup" WHERE grain = 'hour' AND bucket >= ${HOUR_FROM} AND ${before('bucket')}`,
  `INSERT INTO "StepRollup" ("workspaceId", "workflowId", grain, bucket, status, steps)
   SELECT "workspaceId", "workflowId", 'hour'::"RollupGrain", date_trunc('hour', bucket), status,
          sum(steps)::int
   FROM "StepRollup" WHERE grain = 'minute' AND bucket >= ${HOUR_FROM} AND ${before('bucket')}
   GROUP BY 1, 2, 3, 4, 5`,
];

/** Errors are grouped by their message; a non-object error is grouped by its JSON text. */
const MESSAGE = `left(coalesce(s.error->>'message', s.error #>> '{}', 'Unknown error'), 300)`;

export const FAILURE_MINUTES = [
  `DELETE FROM "StepFailureRollup" WHERE grain = 'minute' AND bucket >= ${FROM} AND ${before('bucket')}`,
  `WITH failed AS (
     SELECT s."workspaceId" AS ws, r."workflowId" AS wf, r."versionId" AS vid,
            date_trunc('minute', s."finishedAt") AS b, s."nodeId" AS node, ${MESSAGE} AS message,
            s."runId", s."finishedAt"
     FROM "StepRun" s JOIN "Run" r ON r.id = s."runId"
     WHERE s."finishedAt" >= ${FROM} AND ${before('s."finishedAt"')} AND s.status = 'failed'
   ),
   typed AS (
     SELECT f.*, coalesce(
       (SELECT n->>'type' FROM "WorkflowVersion" v,
          jsonb_array_elements(v.definition->'nodes') AS n
        WHERE v.id = f.vid AND n->>'id' = f.node LIMIT 1), 'unknown') AS type
     FROM (SELECT DISTINCT vid, node FROM failed) AS f
   )
   INSERT INTO "StepFailureRollup" ("workspaceId", "workflowId", grain, bucket, "nodeId",
     "nodeType", message, failures, "lastRunId")
   SELECT f.ws, f.wf, 'minute'::"RollupGrain", f.b, f.node, t.type, f.message, count(*)::int,
          (array_agg(f."runId" ORDER BY f."finishedAt" DESC))[1]
   FROM failed f JOIN typed t ON t.vid = f.vid AND t.node = f.node
   GROUP BY f.ws, f.wf, f.b, f.node, t.type, f.message`,
];

export const FAILURE_HOURS = [
  `DELETE FROM "StepFailureRollup" WHERE grain = 'hour' AND bucket >= ${HOUR_FROM} AND ${before('bucket')}`,
  `INSERT INTO "StepFailureRollup" ("workspaceId", "workflowId", grain, bucket, "nodeId",
     "nodeType", message, failures, "lastRunId")
   SELECT "workspaceId", "workflowId", 'hour'::"RollupGrain", date_trunc('hour', bucket), "nodeId", "nodeType",
          message, sum(failures)::int, (array_agg("lastRunId" ORDER BY bucket DESC))[1]
   FROM "StepFailureRollup" WHERE grain = 'minute' AND bucket >= ${HOUR_FROM} AND ${before('bucket')}
   GROUP BY 1, 2, 3, 4, 5, 6, 7`,
];

/** Minute rows older than `$1` are dropped: hour rows carry that history on. */
export const PRUNE_MINUTES = ['RunRollup', 'StepRollup', 'StepFailureRollup'].map(
  (table) =>
    `DELETE FROM "${table}" WHERE grain = 'minute' AND bucket < ($1::timestamptz AT TIME ZONE 'UTC')`,
);
