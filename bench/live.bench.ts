/**
 * Live update latency: a signed-in user holds the `live.runs` subscription open over HTTP
 * server-sent events against `npm start`'s server (external PostgreSQL mode, same machine),
 * and runs of the workspace change one after another.
 * - live_update_*: from sending COMMIT of a transaction that changes a run and NOTIFYs (as
 *   the services do) until the event is read from the stream.
 * - live_update_action_*: from sending a "cancel run" API request until its event arrives,
 *   i.e. the whole round trip a user's click takes to show up on another screen.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import superjson from 'superjson';
import { freePort } from '../src/server/db/embedded-postgres';
import type { Sql } from '../src/server/runtime/sql';
import { readSse } from '../src/test/read-sse';
import { benchDatabase, percentile, round } from './lib/bench-db';
import { publishDefinition } from './lib/publish';
import { signIn } from './lib/sign-in';

const root = path.resolve(import.meta.dirname, '..');
const CHANGES = Number(process.env.BENCH_LIVE_CHANGES ?? 250);
const WARMUP = 20;
const PASSWORD = 'bench-password-1';

type LiveEvent = { type: 'resync' } | { type: 'run'; runId: string; status: string };

export async function run() {
  const bench = await benchDatabase();
  const { hashPassword } = await import('../src/server/auth/password');
  const user = await bench.db.user.update({
    where: { id: bench.actor.userId },
    data: { passwordHash: await hashPassword(PASSWORD) },
  });
  // Each run parks on a long delay: it stays open until the benchmark cancels it.
  const workflowId = await publishDefinition(bench, {
    name: 'Live bench',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'wait', type: 'delay', params: { ms: 3_600_000 } },
    ],
    edges: [{ from: 'start', to: 'wait' }],
  });
  const { startManualRun } = await import('../src/server/services/runs/start-manual-run');
  const { webRuntime } = await import('../src/server/runtime/web-runtime');
  const { notifyRun } = await import('../src/server/runtime/notify');
  const { db } = await import('../src/server/db');
  const runIds: string[] = [];
  for (let i = 0; i < WARMUP + 2 * CHANGES; i++) {
    runIds.push((await startManualRun(db, webRuntime(), bench.actor, { workflowId })).runId);
  }

  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: bench.url,
      PORT: String(port),
      MINIFLOW_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const sql = new pg.Client({ connectionString: bench.url });
  const abort = new AbortController();
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on(
        'data',
        (c: Buffer) => c.toString().includes('MiniFlow is ready') && resolve(),
      );
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const cookie = await signIn(base, user.email, PASSWORD);

    const params = new URLSearchParams({
      connectionParams: JSON.stringify({ workspace: 'bench' }),
      input: JSON.stringify(superjson.serialize({ workflowId })),
    });
    const res = await fetch(`${base}/api/trpc/live.runs?${params}`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (!res.ok || !res.body) throw new Error(`Subscription failed: HTTP ${res.status}`);
    const waiting = new Map<string, (at: number) => void>();
    let synced = () => undefined as void;
    const resynced = new Promise<void>((r) => (synced = r));
    void (async () => {
      for await (const sse of readSse(res.body!)) {
        if (sse.event === 'serialized-error') throw new Error(`Subscription refused: ${sse.data}`);
        if (sse.event !== 'message') continue;
        const at = performance.now();
        const event = superjson.deserialize<LiveEvent>(JSON.parse(sse.data) as never);
        if (event.type === 'resync') synced();
        else if (event.status === 'cancelled') waiting.get(event.runId)?.(at);
      }
    })().catch(() => undefined);
    await resynced;

    const arrival = (runId: string) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No event for ${runId}`)), 10_000);
        waiting.set(runId, (at) => {
          clearTimeout(timer);
          waiting.delete(runId);
          resolve(at);
        });
      });

    await sql.connect();
    const tx: Sql = {
      query: async <T>(text: string, values?: unknown[]) =>
        (await sql.query(text, values)).rows as T[],
    };
    const commitToEvent = async (runId: string) => {
      await sql.query('BEGIN');
      await sql.query(
        `UPDATE "Run" SET status = 'cancelled', "finishedAt" = now() AT TIME ZONE 'UTC',
           error = '{"message":"Cancelled by the benchmark"}' WHERE id = $1`,
        [runId],
      );
      await notifyRun(tx, {
        runId,
        workspaceId: bench.actor.workspaceId,
        workflowId,
        status: 'cancelled',
        parentRunId: null,
      });
      const received = arrival(runId);
      const sent = performance.now();
      await sql.query('COMMIT');
      return (await received) - sent;
    };
    const actionToEvent = async (runId: string) => {
      const received = arrival(runId);
      const sent = performance.now();
      const response = await fetch(`${base}/api/trpc/run.cancel`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-miniflow-workspace': 'bench' },
        body: JSON.stringify(superjson.serialize({ id: runId })),
      });
      if (!response.ok) throw new Error(`Cancel failed: HTTP ${response.status}`);
      return (await received) - sent;
    };

    const pause = () => new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    for (const runId of runIds.slice(0, WARMUP)) await commitToEvent(runId);
    const commit: number[] = [];
    for (const runId of runIds.slice(WARMUP, WARMUP + CHANGES)) {
      commit.push(await commitToEvent(runId));
      await pause();
    }
    const action: number[] = [];
    for (const runId of runIds.slice(WARMUP + CHANGES)) {
      action.push(await actionToEvent(runId));
      await pause();
    }
    return {
      live_update_p50_ms: round(percentile(commit, 50)),
      live_update_p95_ms: round(percentile(commit, 95)),
      live_update_action_p50_ms: round(percentile(action, 50)),
      live_update_action_p95_ms: round(percentile(action, 95)),
      live_update_changes: commit.length + action.length,
    };
  } finally {
    abort.abort();
    await sql.end().catch(() => undefined);
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
