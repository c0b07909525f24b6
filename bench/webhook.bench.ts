/**
 * Webhook throughput: webhook (onCompletion) → set → respond, 20 concurrent HTTP clients
 * for 15 s against `npm start`'s server (external PostgreSQL mode, same machine), every
 * run durably recorded (checked by counting the rows afterwards).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from '../src/server/db/embedded-postgres';
import { benchDatabase, round } from './lib/bench-db';
import { publishDefinition } from './lib/publish';

const root = path.resolve(import.meta.dirname, '..');

export async function run() {
  const bench = await benchDatabase();
  const port = await freePort();
  const workflowId = await publishDefinition(bench, {
    name: 'Webhook bench',
    nodes: [
      { id: 'hook', type: 'webhook', params: { path: 'bench/ping', method: 'POST' } },
      { id: 'shape', type: 'set', params: { values: { id: '{{ input.body.id }}', ok: true } } },
      { id: 'reply', type: 'respond', params: { status: 200, body: '{{ steps.shape }}' } },
    ],
    edges: [
      { from: 'hook', to: 'shape' },
      { from: 'shape', to: 'reply' },
    ],
  });
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const server = spawn(process.execPath, [...profile, '--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: bench.url,
      PORT: String(port),
      MINIFLOW_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on(
        'data',
        (c: Buffer) => c.toString().includes('MiniFlow is ready') && resolve(),
      );
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}/api/hooks/bench/bench/ping`;
    const warm = await autocannon({
      url,
      method: 'POST',
      connections: 20,
      duration: 3,
      body: '{"id":1}',
      headers: { 'content-type': 'application/json' },
    });
    void warm;
    const before = await bench.db.run.count({ where: { workflowId } });
    const result = await autocannon({
      url,
      method: 'POST',
      connections: 20,
      duration: 15,
      body: JSON.stringify({ id: 'bench' }),
      headers: { 'content-type': 'application/json' },
    });
    const recorded =
      (await bench.db.run.count({ where: { workflowId, status: 'succeeded' } })) - before;
    const ok = result['2xx'];
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`webhook bench: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
    return {
      webhook_rps: round(ok / result.duration, 0),
      webhook_p50_ms: result.latency.p50,
      webhook_p99_ms: result.latency.p99,
      webhook_runs_recorded_ratio: round(recorded / ok, 3),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await bench.stop();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}
