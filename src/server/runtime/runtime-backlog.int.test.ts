import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { startWorker } from '@/server/runtime/worker';
import { edge, node, ownerActor, publish } from '@/test/runtime-fixtures';
import { maxOverlap, waitUntil } from '@/test/runtime-waits';

const BACKLOG = 100_000;
const MB = 1024 * 1024;

const countRuns = (workflowId: string, status: 'queued' | 'succeeded') =>
  db.run.count({ where: { workflowId, status } });

/** Both counts from one snapshot: the worker keeps finishing runs between two queries. */
async function queuedAndDone(workflowId: string) {
  const [row] = await db.$queryRaw<{ queued: number; done: number }[]>`
    SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
           count(*) FILTER (WHERE status = 'succeeded')::int AS done
    FROM "Run" WHERE "workflowId" = ${workflowId}`;
  return row!;
}

describe('a large backlog of queued runs', () => {
  it('is worked off one slot at a time without the worker loading it', async () => {
    const actor = await ownerActor();
    const { workflowId, versionId } = await publish(actor, {
      name: 'Backlog',
      nodes: [node('start', 'manual'), node('done', 'set', { values: { ok: true } })],
      edges: [edge('start', 'done')],
    });
    await db.workflow.update({
      where: { id: workflowId },
      data: { concurrencyLimit: 1, concurrencyPolicy: 'queue' },
    });
    // Queued an hour ago, as after an outage: the sweeper sees the whole backlog as starved.
    await db.$executeRaw`
      INSERT INTO "Run" (id, "workspaceId", "workflowId", "versionId", status, trigger, input, "createdAt")
      SELECT 'backlog-' || g, ${actor.workspaceId}, ${workflowId}, ${versionId}, 'queued', 'manual',
        jsonb_build_object('n', g), now() - interval '1 hour' + g * interval '1 millisecond'
      FROM generate_series(1, ${BACKLOG}::int) AS g`;
    expect(await countRuns(workflowId, 'queued')).toBe(BACKLOG);

    const worker = await startWorker({
      databaseUrl: process.env.DATABASE_URL!,
      concurrency: 4,
      heartbeatMs: 250,
      staleAfterMs: 500,
    });
    try {
      // Warm up (pools, JIT, heap sizing: about 15 MB in the first second) before the
      // baseline; after it, RSS grows a few MB over the window however large the backlog.
      await waitUntil('the backlog to start moving', async () => {
        return (await countRuns(workflowId, 'succeeded')) >= 150;
      });
      const before = process.memoryUsage().rss;
      const doneBefore = await countRuns(workflowId, 'succeeded');
      await new Promise((r) => setTimeout(r, 4000)); // measuring growth over time, not a wait
      const growth = process.memoryUsage().rss - before;
      const { queued, done } = await queuedAndDone(workflowId);
      expect(growth).toBeLessThan(50 * MB);
      // It kept working meanwhile, and left nearly all of it queued in the database.
      expect(done).toBeGreaterThan(doneBefore);
      expect(queued).toBeGreaterThan(BACKLOG - done - 2);
    } finally {
      await worker.stop();
    }
    expect(await maxOverlap({ workflowId })).toBe(1);
    // Best priority first, then oldest first: they ran in creation order.
    const ran = await db.run.findMany({
      where: { workflowId, status: 'succeeded' },
      orderBy: { startedAt: 'asc' },
      select: { id: true },
    });
    const numbers = ran.map((r) => Number(r.id.slice('backlog-'.length)));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  }, 30_000);
});
