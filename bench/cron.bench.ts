/**
 * Cron accuracy: 50 every-second schedules for 60 s with 3 scheduler processes racing on
 * one PostgreSQL. Lateness is run creation time minus the tick it was for, over the ticks
 * due once all three schedulers are up (the ticks due while they boot are fired late by
 * start-up, not by the scheduler); duplicates are ticks that produced more than one run,
 * over every tick (must be 0).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDatabase, percentile } from './lib/bench-db';
import { publishDefinition } from './lib/publish';

const SCHEDULES = 50;
const SECONDS = Number(process.env.BENCH_CRON_SECONDS ?? 60);

export async function run() {
  const bench = await benchDatabase();
  try {
    for (let i = 0; i < SCHEDULES; i++) {
      await publishDefinition(bench, {
        name: `Every second ${i}`,
        nodes: [
          {
            id: 'tick',
            type: 'cron',
            params: { expression: '* * * * * *', timezone: 'UTC', overlap: 'allow' },
          },
          { id: 'note', type: 'set', params: { values: { at: '{{ input.scheduledFor }}' } } },
        ],
        edges: [{ from: 'tick', to: 'note' }],
      });
    }
    const script = path.join(import.meta.dirname, 'lib', 'scheduler-process.ts');
    const started = new Date();
    const schedulers = [0, 1, 2].map(() =>
      spawn(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, DATABASE_URL: bench.url, MINIFLOW_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    await Promise.all(
      schedulers.map(
        (s) =>
          new Promise<void>((resolve) =>
            s.stdout.on('data', (c: Buffer) => c.toString().includes('READY') && resolve()),
          ),
      ),
    );
    const measuredFrom = Math.ceil(Date.now() / 1000) * 1000 + 1000;
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    for (const s of schedulers) s.kill('SIGTERM');
    await Promise.all(schedulers.map((s) => new Promise((r) => s.once('exit', r))));

    const rows = await bench.db.$queryRaw<
      { workflowId: string; scheduledFor: string; lateMs: number }[]
    >`
      SELECT "workflowId", input->>'scheduledFor' AS "scheduledFor",
             EXTRACT(EPOCH FROM ("createdAt" - (input->>'scheduledFor')::timestamptz AT TIME ZONE 'UTC')) * 1000 AS "lateMs"
      FROM "Run" WHERE trigger = 'cron' AND "createdAt" > ${started}`;
    const ticks = new Map<string, number>();
    for (const r of rows)
      ticks.set(
        `${r.workflowId}@${r.scheduledFor}`,
        (ticks.get(`${r.workflowId}@${r.scheduledFor}`) ?? 0) + 1,
      );
    const duplicates = [...ticks.values()].filter((n) => n > 1).length;
    const late = rows
      .filter((r) => Date.parse(r.scheduledFor) >= measuredFrom)
      .map((r) => Number(r.lateMs));
    return {
      cron_late_p50_ms: Math.round(percentile(late, 50)),
      cron_late_p99_ms: Math.round(percentile(late, 99)),
      cron_duplicates: duplicates,
      cron_runs: late.length,
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
