/**
 * Durable runtime figures on embedded PostgreSQL: a 40-step chain of inline steps end to
 * end, queue throughput with two worker processes (and with 1, 2 and 4 to show the curve),
 * a chain of 40 queued code steps, and the database's own transaction rate.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDatabase, percentile, round } from './lib/bench-db';
import { postmasterPid, treeCpuMs } from './lib/cpu-account';
import { measurePgTps } from './lib/pg-tps';
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

type Bench = Awaited<ReturnType<typeof benchDatabase>>;

/** `count` worker processes on the benchmark's database; resolves once all are ready. */
async function startWorkers(bench: Bench, count: number) {
  const worker = path.join(import.meta.dirname, 'lib', 'worker-process.ts');
  const children = Array.from({ length: count }, () =>
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
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) =>
          child.stdout.on('data', (c: Buffer) => c.toString().includes('READY') && resolve()),
        ),
    ),
  );
  return {
    pids: children.map((child) => child.pid!),
    async stop() {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
    },
  };
}

/** Queues `runs` runs of one code step each, in transactions of 100. */
async function queueRuns(bench: Bench, workflowId: string, runs: number) {
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
}

/**
 * Steps per second with `workers` worker processes (8 jobs at once each) working off
 * `runs` queued runs of one code step each, timed from the moment all workers are ready
 * (process start-up is not queue work) until every run has ended.
 */
async function queueThroughput(bench: Bench, runs: number, workers: number) {
  const workflowId = await publishDefinition(bench, {
    name: `One queued step: ${runs} runs, ${workers} workers`,
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'work', type: 'code', params: { code: 'return input.n + 1;' } },
    ],
    edges: [{ from: 'start', to: 'work' }],
  });
  await queueRuns(bench, workflowId, runs);
  const pool = await startWorkers(bench, workers);
  const postgres = postmasterPid(bench.url);
  const cpuBefore = { workers: treeCpuMs(pool.pids), pg: treeCpuMs([postgres]) };
  const started = performance.now();
  for (;;) {
    const left = await bench.db.run.count({
      where: { workflowId, status: { notIn: ['succeeded', 'failed'] } },
    });
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  // CPU per step of the workers and of PostgreSQL (including this process's polling, which
  // is negligible): unlike steps/s, these hold when the machine is shared.
  const cpu = {
    workersMs: round((treeCpuMs(pool.pids) - cpuBefore.workers) / runs, 3),
    pgMs: round((treeCpuMs([postgres]) - cpuBefore.pg) / runs, 3),
  };
  await pool.stop();
  const failed = await bench.db.run.count({ where: { workflowId, status: 'failed' } });
  if (failed) throw new Error(`${failed} queued runs failed`);
  return { stepsPerS: Math.round(runs / seconds), cpu };
}

/**
 * The public orchestrator benchmark's shape: one run of 40 sequential code steps, each
 * computing fib(10), every one through the queue and the workers (2 processes). Timed
 * from the trigger's commit until the run's end is visible; p50 of 10 runs after 2 warm-up.
 */
async function chain40Code(bench: Bench) {
  const nodes: object[] = [{ id: 'start', type: 'manual', params: {} }];
  const edges: object[] = [];
  const fib = 'const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2)); return fib(10);';
  for (let i = 1; i <= 40; i++) {
    nodes.push({ id: `c${i}`, type: 'code', params: { code: fib } });
    edges.push({ from: i === 1 ? 'start' : `c${i - 1}`, to: `c${i}` });
  }
  const workflowId = await publishDefinition(bench, {
    name: 'Chain of 40 code steps',
    nodes,
    edges,
  });
  const { triggerRun } = await import('../src/server/runtime/trigger-run');
  const { transaction } = await import('../src/server/runtime/runtime-context');
  const { webRuntime } = await import('../src/server/runtime/web-runtime');
  const runtime = webRuntime();
  const pool = await startWorkers(bench, 2);
  const times: number[] = [];
  try {
    for (let i = 0; i < 12; i++) {
      const started = performance.now();
      const run = await transaction(runtime, (sql) =>
        triggerRun(sql, runtime, {
          workspaceId: bench.actor.workspaceId,
          workflowId,
          trigger: 'api',
          input: {},
        }),
      );
      for (;;) {
        const rows = await runtime.pool.query<{ status: string }>(
          'SELECT status::text AS status FROM "Run" WHERE id = $1',
          [run.runId],
        );
        const status = rows.rows[0]?.status;
        if (status === 'succeeded') break;
        if (status === 'failed') throw new Error('chain of code steps failed');
        await new Promise((r) => setTimeout(r, 2));
      }
      if (i >= 2) times.push((performance.now() - started) / 1000);
    }
  } finally {
    await pool.stop();
  }
  return { chain40_code_s: round(percentile(times, 50), 3) };
}

export async function run() {
  const bench = await benchDatabase();
  try {
    const runs = Number(process.env.BENCH_QUEUE_RUNS ?? 10_000);
    const scaleRuns = Number(process.env.BENCH_SCALE_RUNS ?? 5_000);
    const inline = await chain40(bench);
    const pgTps = await measurePgTps(bench.url);
    const { stepsPerS: queue, cpu } = await queueThroughput(bench, runs, 2);
    const code = await chain40Code(bench);
    const scale: Record<string, number> = {};
    for (const workers of [1, 2, 4]) {
      scale[`scale_workers_${workers}`] = (
        await queueThroughput(bench, scaleRuns, workers)
      ).stepsPerS;
    }
    return {
      ...inline,
      pg_tps: pgTps,
      queue_steps_per_s: queue,
      queue_runs: runs,
      queue_vs_pg: round(queue / pgTps, 3),
      queue_cpu_workers_ms: cpu.workersMs,
      queue_cpu_pg_ms: cpu.pgMs,
      ...code,
      ...scale,
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
