/**
 * Durable runtime figures on embedded PostgreSQL: a 40-step chain end to end, queue
 * throughput with two worker processes, and the database's own transaction rate.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { benchDatabase, percentile, round } from './lib/bench-db';
import { publishDefinition } from './lib/publish';

function chainDefinition(length: number) {
  const nodes: object[] = [{ id: 'start', type: 'manual', params: {} }];
  const edges: object[] = [];
  for (let i = 1; i <= length; i++) {
    nodes.push(
      i % 2
        ? { id: `s${i}`, type: 'set', params: { values: { i, prev: `{{ input.n }}` } } }
        : {
            id: `s${i}`,
            type: 'transform',
            params: { expression: `{ "i": ${i}, "n": $$.input.n }` },
          },
    );
    edges.push({ from: i === 1 ? 'start' : `s${i - 1}`, to: `s${i}` });
  }
  return { name: `Chain ${length}`, nodes, edges };
}

async function chain40(bench: Awaited<ReturnType<typeof benchDatabase>>) {
  const workflowId = await publishDefinition(bench, chainDefinition(40));
  const { triggerRun } = await import('../src/server/runtime/trigger-run');
  const { transaction } = await import('../src/server/runtime/runtime-context');
  const { webRuntime } = await import('../src/server/runtime/web-runtime');
  const runtime = webRuntime();
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    // The API trigger path: the transaction that creates the run runs it and records it.
    const run = await transaction(runtime, (sql) =>
      triggerRun(sql, runtime, {
        workspaceId: bench.actor.workspaceId,
        workflowId,
        trigger: 'api',
        input: { n: i },
      }),
    );
    const elapsed = performance.now() - started;
    if (run.state?.status !== 'succeeded') throw new Error(`chain run ended ${run.state?.status}`);
    if (i >= 10) times.push(elapsed); // the first runs warm up JIT and caches
  }
  return {
    chain40_p50_ms: round(percentile(times, 50)),
    chain40_p95_ms: round(percentile(times, 95)),
  };
}

async function pgTps(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_tps (id serial primary key, n int not null)');
  const deadline = performance.now() + 5_000;
  let count = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < deadline) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ id: number }>(
            'INSERT INTO bench_tps (n) VALUES (0) RETURNING id',
          );
          await client.query('UPDATE bench_tps SET n = n + 1 WHERE id = $1', [rows[0]!.id]);
          await client.query('COMMIT');
          count++;
        } finally {
          client.release();
        }
      }
    }),
  );
  await pool.end();
  return { pg_tps: Math.round(count / 5) };
}

async function queueThroughput(bench: Awaited<ReturnType<typeof benchDatabase>>, runs: number) {
  const workflowId = await publishDefinition(bench, {
    name: 'One queued step',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'work', type: 'code', params: { code: 'return input.n + 1;' } },
    ],
    edges: [{ from: 'start', to: 'work' }],
  });
  const { triggerRun } = await import('../src/server/runtime/trigger-run');
  const { webRuntime } = await import('../src/server/runtime/web-runtime');
  const { db } = await import('../src/server/db');
  for (let i = 0; i < runs; i += 100) {
    await db.$transaction(
      async (tx) => {
        for (let j = i; j < Math.min(runs, i + 100); j++) {
          await triggerRun(tx, webRuntime(), {
            workspaceId: bench.actor.workspaceId,
            workflowId,
            trigger: 'api',
            input: { n: j },
          });
        }
      },
      { timeout: 120_000 },
    );
  }
  const worker = path.join(import.meta.dirname, 'lib', 'worker-process.ts');
  const children = [0, 1].map(() =>
    spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
          : []),
        '--import',
        'tsx',
        worker,
      ],
      {
        env: { ...process.env, DATABASE_URL: bench.url, MINIFLOW_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ),
  );
  // Time from the moment the first worker is ready: process start-up is not queue work.
  await Promise.race(
    children.map(
      (child) =>
        new Promise<void>((resolve) =>
          child.stdout.on('data', (c: Buffer) => c.toString().includes('READY') && resolve()),
        ),
    ),
  );
  const started = performance.now();
  for (;;) {
    const left = await db.run.count({
      where: { workflowId, status: { notIn: ['succeeded', 'failed'] } },
    });
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const failed = await db.run.count({ where: { workflowId, status: 'failed' } });
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
  if (failed) throw new Error(`${failed} queued runs failed`);
  return { queue_steps_per_s: Math.round(runs / seconds), queue_runs: runs };
}

export async function run() {
  const bench = await benchDatabase();
  try {
    return {
      ...(await chain40(bench)),
      ...(await pgTps(bench.url)),
      ...(await queueThroughput(bench, Number(process.env.BENCH_QUEUE_RUNS ?? 10_000))),
    };
  } finally {
    const { webRuntime } = await import('../src/server/runtime/web-runtime');
    await webRuntime().ports.dispose();
    const { db } = await import('../src/server/db');
    await db.$disconnect();
    await bench.stop();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}
