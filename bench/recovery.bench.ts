/**
 * Crash recovery: a worker is SIGKILLed while it runs a step; measured is the time from
 * the kill to the run completing on another worker, worst of 10 kills, with the default
 * heartbeat and staleness settings. Nothing may be lost and no step may complete twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDatabase, round } from './lib/bench-db';
import { publishDefinition } from './lib/publish';

const KILLS = Number(process.env.BENCH_RECOVERY_KILLS ?? 10);

export async function run() {
  const bench = await benchDatabase();
  // A slow endpoint: the step is reliably in flight when the worker is killed.
  const server = createServer((_req, res) => setTimeout(() => res.end('{"ok":true}'), 1_500));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const script = path.join(import.meta.dirname, 'lib', 'worker-process.ts');
  const spawnWorker = () =>
    spawn(process.execPath, ['--import', 'tsx', script], {
      env: {
        ...process.env,
        DATABASE_URL: bench.url,
        MINIFLOW_LOG_LEVEL: 'error',
        MINIFLOW_ALLOW_PRIVATE_NETWORK: 'true',
        WORKER_CONCURRENCY: '4',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  const ready = (child: ChildProcess) =>
    new Promise<void>((resolve) =>
      child.stdout!.on('data', (c: Buffer) => c.toString().includes('READY') && resolve()),
    );
  const workers = [spawnWorker(), spawnWorker()];
  await Promise.all(workers.map(ready));
  try {
    const workflowId = await publishDefinition(bench, {
      name: 'Slow call',
      nodes: [
        { id: 'start', type: 'manual', params: {} },
        {
          id: 'call',
          type: 'http',
          params: { method: 'GET', url: `http://127.0.0.1:${port}/slow` },
        },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    const { triggerRun } = await import('../src/server/runtime/trigger-run');
    const { transaction } = await import('../src/server/runtime/runtime-context');
    const { webRuntime } = await import('../src/server/runtime/web-runtime');
    const times: number[] = [];
    let lost = 0;
    for (let i = 0; i < KILLS; i++) {
      const { runId } = await transaction(webRuntime(), (sql) =>
        triggerRun(sql, webRuntime(), {
          workspaceId: bench.actor.workspaceId,
          workflowId,
          trigger: 'api',
          input: {},
        }),
      );
      // Find the process holding the step's job, then kill it mid-step.
      let pid: number | undefined;
      while (!pid) {
        const rows = await bench.db.$queryRaw<{ pid: number }[]>`
          SELECT h.pid FROM graphile_worker._private_jobs j
          JOIN "WorkerHeartbeat" h ON j.locked_by = ANY(h."lockIds")
          WHERE j.payload->>'runId' = ${runId}`;
        pid = rows[0]?.pid;
        if (!pid) await new Promise((r) => setTimeout(r, 50));
      }
      const victim = workers.find((w) => w.pid === pid);
      if (!victim) throw new Error(`no worker with pid ${pid}`);
      const killedAt = performance.now();
      victim.kill('SIGKILL');
      workers.splice(workers.indexOf(victim), 1);
      const replacement = spawnWorker();
      workers.push(replacement);
      for (;;) {
        const run = await bench.db.run.findUniqueOrThrow({ where: { id: runId } });
        if (run.status === 'succeeded') break;
        if (run.status === 'failed' || run.status === 'cancelled') {
          lost++;
          break;
        }
        if (performance.now() - killedAt > 120_000) {
          lost++;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      times.push((performance.now() - killedAt) / 1000);
      await ready(replacement);
    }
    const twice = await bench.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (
        SELECT "runId", "nodeId" FROM "StepRun" WHERE status = 'succeeded'
        GROUP BY "runId", "nodeId" HAVING count(*) > 1) d`;
    return {
      recovery_s: round(Math.max(...times)),
      recovery_p50_s: round([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!),
      recovery_runs_lost: lost,
      recovery_steps_completed_twice: twice[0]?.n ?? 0,
    };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(
      workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))),
    );
    server.close();
    const { webRuntime } = await import('../src/server/runtime/web-runtime');
    await webRuntime().pool.end();
    await bench.stop();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}
