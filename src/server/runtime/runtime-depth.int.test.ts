import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import type { Actor } from '@/server/services/actor';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';

let actor: Actor;
beforeAll(async () => {
  actor = await ownerActor();
});

describe('child run nesting', () => {
  it('a workflow that calls itself ends with the depth limit error, one short transaction per level', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Ouroboros',
      nodes: [
        node('start', 'manual'),
        node('again', 'subWorkflow', { workflowId: 'Ouroboros', input: '{{ input }}' }),
      ],
      edges: [edge('start', 'again')],
    });
    const rssBefore = process.memoryUsage().rss;
    const startedAt = performance.now();
    const { runId, status } = await startRun(actor, workflowId, { payload: 'x'.repeat(1000) });
    // The child is queued, not started inside the trigger's transaction.
    expect(status).toBe('waiting');
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(await db.run.count({ where: { workflowId } })).toBe(2);

    await withWorker(async () => {
      const run = await waitForRun(runId, undefined, 30_000);
      expect(run.status).toBe('failed');
      expect(JSON.stringify(run.error)).toMatch(
        /Child runs nest deeper than the limit of 10 \(MINIFLOW_MAX_RUN_DEPTH\)/,
      );
    });
    const runs = await db.run.findMany({
      where: { workflowId },
      select: { depth: true, status: true },
      orderBy: { depth: 'asc' },
    });
    expect(runs.map((r) => r.depth)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(runs.map((r) => r.status))).toEqual(new Set(['failed']));
    // Bounded work: a handful of small runs, not a tree growing in one transaction.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });
});
