import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import {
  freePort,
  startEmbeddedPostgres,
  type RunningPostgres,
} from '@/server/db/embedded-postgres';
import { migrate } from '@/server/db/migrate';
import { ensureQueueSchema } from '@/server/runtime/queue-schema';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { waitUntil } from '@/test/runtime-waits';
import { spawnWorker, type WorkerProcess } from '@/test/spawn-worker';

// This file restarts PostgreSQL, so it brings its own cluster rather than sharing the
// suite's. Same folder and port on restart: to the worker, the server went away and back.
let dir: string;
let options: Parameters<typeof startEmbeddedPostgres>[0];
let pg: RunningPostgres;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'miniflow-restart-'));
  await chmod(dir, 0o755); // the server runs as `postgres` when tests run as root
  options = {
    dataDir: path.join(dir, 'pg'),
    password: randomBytes(12).toString('hex'),
    port: await freePort(),
    ephemeral: true,
  };
  pg = await startEmbeddedPostgres(options);
  await migrate(pg.url);
  await ensureQueueSchema(pg.url);
  // Read lazily by `db` on first use: everything below talks to this cluster.
  process.env.DATABASE_URL = pg.url;
});

afterAll(async () => {
  await worker?.kill('SIGTERM');
  await db.$disconnect();
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Counts runs by status; null while the database is unreachable. */
async function statuses(workflowId: string): Promise<Record<string, number> | null> {
  try {
    const rows = await db.run.groupBy({ by: ['status'], where: { workflowId }, _count: true });
    return Object.fromEntries(rows.map((r) => [r.status, r._count]));
  } catch {
    return null;
  }
}

describe('PostgreSQL restart', () => {
  it('every run completes across a restart, and the worker carries on', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Across restart',
      nodes: [
        node('start', 'manual'),
        node('double', 'code', { code: 'return input.i * 2;' }),
        node('wait', 'delay', { ms: '{{ input.ms }}' }),
        node('plus', 'code', { code: 'return steps.double + 1;' }),
      ],
      edges: [edge('start', 'double'), edge('double', 'wait'), edge('wait', 'plus')],
    });
    // In its own process, as in production: an unhandled error there ends the worker.
    worker = await spawnWorker({
      DATABASE_URL: pg.url,
      WORKER_CONCURRENCY: '4',
      WORKER_HEARTBEAT_MS: '300',
      WORKER_STALE_AFTER_MS: '5000',
    });
    // Delays spread the runs' steps over the restart: some before, some during, some after.
    const runs = [];
    for (let i = 0; i < 50; i++) {
      runs.push(await startRun(actor, workflowId, { i, ms: (i % 10) * 300 }));
    }
    await waitUntil('some runs to finish', async () => {
      const counts = await statuses(workflowId);
      return (counts?.succeeded ?? 0) >= 5;
    });

    await pg.stop();
    const down = Date.now();
    await new Promise((r) => setTimeout(r, 1000)); // let the worker notice the outage
    pg = await startEmbeddedPostgres(options);

    const counts = await waitUntil(
      'every run to finish',
      async () => {
        const exit = worker!.exited();
        if (exit !== undefined) throw new Error(`The worker process died (${exit})`);
        const c = await statuses(workflowId);
        return c && c.succeeded === 50 ? c : null;
      },
      25_000,
      200,
    );
    expect(counts).toEqual({ succeeded: 50 });
    const finished = await db.run.findMany({ where: { workflowId } });
    for (const run of finished) {
      const { i } = run.input as { i: number };
      expect(run.output).toEqual({ plus: i * 2 + 1 });
    }
    expect(runs).toHaveLength(50);
    // The same process, still beating after the restart: it reconnected, it did not die.
    expect(worker.exited()).toBeUndefined();
    await waitUntil('a heartbeat after the restart', async () => {
      const beat = await db.workerHeartbeat.findUnique({ where: { id: worker!.id } });
      return beat && beat.lastSeenAt.getTime() > down + 1000;
    });
    // And it still takes new work.
    const after = await startRun(actor, workflowId, { i: 100, ms: 0 });
    await waitUntil('a run started after the restart', async () => {
      const run = await db.run.findUniqueOrThrow({ where: { id: after.runId } });
      return run.status === 'succeeded';
    });
    expect(worker.exited()).toBeUndefined();
  }, 60_000); // usually about 15 s; a loaded machine slows the child's start and the restart
});
