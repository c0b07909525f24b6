import type { benchDatabase } from './bench-db';

type Bench = Awaited<ReturnType<typeof benchDatabase>>;

/**
 * Stores `count` more runs of a workflow, each a copy of its newest run with its step
 * records, created over the last 30 days: a database that has been in use for a while.
 */
export async function ageDatabase(bench: Bench, workflowId: string, count: number) {
  await bench.db.$executeRawUnsafe(
    `CREATE TABLE bench_aged AS
       SELECT gen_random_uuid()::text AS id, g AS n FROM generate_series(1, $1::int) g`,
    count,
  );
  await bench.db.$executeRawUnsafe(
    `INSERT INTO "Run" (id, "workspaceId", "workflowId", "versionId", status, trigger, priority,
       input, output, state, "createdAt", "startedAt", "finishedAt")
     SELECT a.id, r."workspaceId", r."workflowId", r."versionId", r.status, r.trigger, r.priority,
       r.input, r.output, r.state, a.at, a.at, a.at
     FROM (SELECT id, (now() AT TIME ZONE 'UTC') - make_interval(secs => n * 25) AS at
           FROM bench_aged) a,
       (SELECT * FROM "Run" WHERE "workflowId" = $1 ORDER BY "createdAt" DESC LIMIT 1) r`,
    workflowId,
  );
  await bench.db.$executeRawUnsafe(
    `INSERT INTO "StepRun" (id, "workspaceId", "runId", "nodeId", attempt, status, input, output,
       "startedAt", "finishedAt", "durationMs")
     SELECT gen_random_uuid()::text, s."workspaceId", a.id, s."nodeId", s.attempt, s.status,
       s.input, s.output, s."startedAt", s."finishedAt", s."durationMs"
     FROM bench_aged a, "StepRun" s
     WHERE s."runId" = (SELECT id FROM "Run" WHERE "workflowId" = $1 AND id NOT IN (SELECT id FROM bench_aged)
                        ORDER BY "createdAt" DESC LIMIT 1)`,
    workflowId,
  );
  await bench.db.$executeRawUnsafe('DROP TABLE bench_aged');
  await bench.db.$executeRawUnsafe('VACUUM ANALYZE "Run"');
  await bench.db.$executeRawUnsafe('VACUUM ANALYZE "StepRun"');
  // The bulk insert leaves hundreds of megabytes of dirty pages and WAL that a database
  // aged over 30 days would have written back long ago: written now, not during the
  // measurement that follows.
  await bench.db.$executeRawUnsafe('CHECKPOINT');
}
