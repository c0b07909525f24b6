import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import autocannon from 'autocannon';
import { freePort } from '../../src/server/db/embedded-postgres';
import type { benchDatabase } from './bench-db';
import { percentile, round } from './bench-db';
import { publishDefinition } from './publish';

const root = path.resolve(import.meta.dirname, '..', '..');

type Bench = Awaited<ReturnType<typeof benchDatabase>>;

/** The benchmark's workflow: webhook (onCompletion) → set → respond. */
export function publishPingHook(bench: Bench): Promise<string> {
  return publishDefinition(bench, {
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
}

export interface ServerMemory {
  rssMb: number;
  /** V8's heap as sized (heapTotal) and in use, and memory outside it (buffers). */
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
}

export interface BenchServer {
  url: string;
  /** The server's own memory figures, from its Prometheus endpoint. */
  memory(): Promise<ServerMemory>;
  process: ChildProcessByStdio<null, Readable, null>;
  /** The server process's resident memory, in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

/** `npm start`'s server on the benchmark's database (external PostgreSQL mode). */
export async function startBenchServer(bench: Bench): Promise<BenchServer> {
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  // Node flags for the server alone, to look into it (e.g. `--trace-gc`, `--heap-prof`).
  const extra = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = spawn(
    process.execPath,
    [...profile, ...extra, '--import', 'tsx', 'scripts/start.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: bench.url,
        PORT: String(port),
        MINIFLOW_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout.on(
      'data',
      (c: Buffer) => c.toString().includes('MiniFlow is ready') && resolve(),
    );
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/api/hooks/bench/bench/ping`,
    async memory() {
      const text = await (await fetch(`${base}/api/metrics`)).text();
      const mb = (name: string) => {
        const line = text.split('\n').find((l) => l.startsWith(`${name} `));
        return round(Number(line?.split(' ')[1] ?? 0) / 1024 / 1024, 0);
      };
      return {
        rssMb: mb('process_resident_memory_bytes'),
        heapTotalMb: mb('nodejs_heap_size_total_bytes'),
        heapUsedMb: mb('nodejs_heap_size_used_bytes'),
        externalMb: mb('nodejs_external_memory_bytes'),
      };
    },
    process: server,
    rssMb() {
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return round(kb / 1024, 0);
    },
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    },
  };
}

export interface Load {
  ok: number;
  rps: number;
  p50: number;
  p99: number;
  seconds: number;
}

/**
 * Webhook load from 20 connections. With `amount`, exactly that many requests are sent and
 * every one is answered before it returns (none is cut off mid-flight, so answers and
 * stored runs can be counted exactly); with `rate`, requests are paced.
 *
 * The load's time runs from its start to its last answer. autocannon's own `duration`
 * notices the last answer of an `amount` only at its next one-second tick, so a load that
 * took 12.1 s reported 13 s: runs/s came out up to a second's worth low, and the probe
 * that sizes the full-speed load (2,000 requests, under 2 s) up to half low.
 */
export async function webhookLoad(
  url: string,
  options: { amount?: number; seconds?: number; rate?: number },
): Promise<Load> {
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const load = autocannon(
      {
        url,
        method: 'POST',
        connections: 20,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 3 }),
        ...(options.rate ? { overallRate: options.rate } : {}),
        body: JSON.stringify({ id: 'bench' }),
        headers: { 'content-type': 'application/json' },
      },
      (error: Error | null, done) => (error ? reject(error) : resolve(done)),
    );
    load.on('response', () => (lastAnswer = performance.now()));
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `webhook load: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  const ok = result['2xx'];
  const seconds = options.amount ? (lastAnswer - started) / 1000 : result.duration;
  return {
    ok,
    rps: round(ok / seconds, 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds: round(seconds, 2),
  };
}

/**
 * About `seconds` of load at full speed, sized by a probe of 2,000 requests first (which
 * also warms the server up); `probeOk` counts the probe's successful answers.
 */
export async function fullSpeedLoad(
  url: string,
  seconds: number,
): Promise<Load & { probeOk: number }> {
  const probe = await webhookLoad(url, { amount: 2_000 });
  const load = await webhookLoad(url, {
    amount: Math.max(1_000, Math.round(probe.rps * seconds)),
  });
  return { ...load, probeOk: probe.ok };
}

export { percentile };
