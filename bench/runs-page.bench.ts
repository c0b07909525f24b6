/**
 * The runs page with 1,000,000 runs in one workspace: the latency of the list service for
 * the first page and for a filtered page (one workflow's failed runs, then a page further
 * down through its cursor). Rows are written with generate_series, then ANALYZEd, as a
 * long-lived installation's statistics would be.
 */
import { pathToFileURL } from 'node:url';
import { benchDatabase, percentile, round } from './lib/bench-db';
import { publishDefinition } from './lib/publish';

const RUNS = Number(process.env.BENCH_RUNS_PAGE_ROWS ?? 1_000_000);
const WORKFLOWS = 10;
const SAMPLES = 21;

export async function run() {
  const bench = await benchDatabase();
  try {
    const ids: string[] = [];
    for (let i = 0; i < WORKFLOWS; i++) {
      ids.push(
        await publishDefinition(bench, {
          name: `Listed ${i}`,
          nodes: [{ id: 'start', type: 'manual', params: {} }],
          edges: [],
        }),
      );
    }
    const loadStarted = performance.now();
    // 92% succeeded, 5% failed, the rest spread over the other statuses; one run every
    // 2.6 s for a month; triggers manual, webhook, cron, api.
    await bench.db.$executeRaw`
      INSERT INTO "Run" (id, "workspaceId", "workflowId", "versionId", status, trigger, input,
                         "createdAt", "startedAt", "finishedAt")
      SELECT 'r' || lpad(g::text, 8, '0'), w."workspaceId", w.id, w."publishedVersionId",
             (CASE WHEN g % 100 < 92 THEN 'succeeded' WHEN g % 100 < 97 THEN 'failed'
                   ELSE (ARRAY['running','waiting','queued','cancelled'])[1 + g % 4] END)::"RunStatus",
             (ARRAY['manual','webhook','cron','api'])[1 + (g / 7) % 4]::"TriggerType",
             '{}'::jsonb,
             timestamp '2026-10-01' + g * interval '2.6 seconds',
             timestamp '2026-10-01' + g * interval '2.6 seconds',
             timestamp '2026-10-01' + g * interval '2.6 seconds' + interval '850 milliseconds'
      FROM generate_series(1, ${RUNS}) AS g
      JOIN "Workflow" w ON w.id = (${ids}::text[])[1 + g % ${WORKFLOWS}]`;
    await bench.db.$executeRaw`ANALYZE "Run"`;
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const { listRuns } = await import('../src/server/services/runs/list-runs');
    const { listRunsInput } = await import('../src/server/services/runs/run-inputs');
    const time = async (input: Record<string, unknown>) => {
      const parsed = listRunsInput.parse(input);
      const times: number[] = [];
      let page: Awaited<ReturnType<typeof listRuns>> | undefined;
      for (let i = 0; i < SAMPLES + 3; i++) {
        const started = performance.now();
        page = await listRuns(bench.db, bench.actor, parsed);
        if (i >= 3) times.push(performance.now() - started); // warm-up: plans, caches
      }
      if (!page || page.items.length !== parsed.limit) {
        throw new Error(`expected a full page for ${JSON.stringify(input)}`);
      }
      return { ms: percentile(times, 50), next: page.nextCursor! };
    };

    const first = await time({ limit: 50 });
    const filter = { workflowId: ids[3], status: 'failed', limit: 50 };
    const filtered = await time(filter);
    const deeper = await time({ ...filter, cursor: filtered.next });
    // The older half of the month, by trigger: the scan starts mid-index.
    const middle = new Date(Date.parse('2026-10-01T00:00:00Z') + RUNS * 1300).toISOString();
    const byTrigger = await time({ trigger: 'cron', to: middle, limit: 50 });
    const filteredMs = Math.max(filtered.ms, deeper.ms, byTrigger.ms);
    return {
      runs_page_1m_ms: round(Math.max(first.ms, filteredMs), 2),
      runs_page_1m_first_ms: round(first.ms, 2),
      runs_page_1m_filtered_ms: round(filteredMs, 2),
      runs_page_1m_rows: RUNS,
      runs_page_1m_load_s: round(loadSeconds),
    };
  } finally {
    await bench.stop();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}
