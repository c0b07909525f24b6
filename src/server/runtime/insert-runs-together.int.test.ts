import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { edge, node, ownerActor, publish } from '@/test/runtime-fixtures';
import { attemptsOf, jobsOf, waitUntil } from '@/test/runtime-waits';
import type { NewRun } from './create-run-row';
import { insertRunsTogether } from './insert-runs-together';
import { startWithoutLock } from './optimistic-apply';
import type { RuntimeContext } from './runtime-context';
import type { RunWrite, SaveOutcome } from './save-run';
import { pgSql } from './sql';
import { webRuntime } from './web-runtime';

/**
 * Optimistic starts of several fresh runs share one statement (insert-runs-together.ts):
 * each run is inserted exactly as a start of its own would insert it, or not at all.
 */
async function workflowWith(after: 'code' | 'set') {
  const actor = await ownerActor();
  const { workflowId, versionId } = await publish(actor, {
    name: `Fresh together ${after}`,
    nodes: [
      node('start', 'manual'),
      node('prep', 'set', { values: { n: '{{ input.n }}' } }),
      after === 'code'
        ? node('after', 'code', { code: 'return 2;' })
        : node('after', 'set', { values: { got: '{{ steps.prep.n }}' } }),
    ],
    edges: [edge('start', 'prep'), edge('prep', 'after')],
  });
  return { workspaceId: actor.workspaceId, workflowId, versionId };
}

type Flow = Awaited<ReturnType<typeof workflowWith>>;

const freshRun = (flow: Flow, n: number): NewRun => ({
  workspaceId: flow.workspaceId,
  workflowId: flow.workflowId,
  versionId: flow.versionId,
  trigger: 'api',
  input: { n },
  priority: 0,
});

/** The writes the runtime would make to start these runs, caught before they are saved. */
async function startWrites(runs: { flow: Flow; n: number }[]) {
  const writes: RunWrite[] = [];
  const catching: RuntimeContext = {
    ...webRuntime(),
    saveUnlocked: (write) => {
      writes.push(write);
      return new Promise<SaveOutcome>(() => undefined);
    },
  };
  for (const { flow, n } of runs) {
    void startWithoutLock(catching, freshRun(flow, n), {
      publishedVersionId: flow.versionId,
      priority: 0,
      webhook: null,
    });
  }
  await waitUntil('the writes', () => writes.length === runs.length, 5_000, 5);
  return runs.map(({ n }) => writes.find((w) => (w.fresh!.input as { n: number }).n === n)!);
}

describe('inserting several fresh runs in one statement', () => {
  it('inserts each run with its step records and queue jobs, as a start of its own would', async () => {
    const [inline, queued] = [await workflowWith('set'), await workflowWith('code')];
    const writes = await startWrites([
      { flow: inline, n: 1 },
      { flow: queued, n: 2 },
      { flow: inline, n: 3 },
    ]);
    const outcomes = await insertRunsTogether(pgSql(webRuntime().pool), writes);
    expect(outcomes).toEqual(Array(3).fill({ saved: true, handedOver: false }));
    const [one, two, three] = await Promise.all(
      writes.map((w) => db.run.findUniqueOrThrow({ where: { id: w.run.id } })),
    );
    expect(one).toMatchObject({ status: 'succeeded', input: { n: 1 }, trigger: 'api' });
    expect(one!.output).toEqual({ after: { got: 1 } });
    expect(three!.output).toEqual({ after: { got: 3 } });
    expect(one!.finishedAt).not.toBeNull();
    expect(two).toMatchObject({ status: 'running', finishedAt: null, output: null });
    expect(await attemptsOf(one!.id)).toEqual([
      ['after', 1, 'succeeded'],
      ['prep', 1, 'succeeded'],
      ['start', 1, 'succeeded'],
    ]);
    expect((await jobsOf(two!.id)).map((j) => j.payload)).toEqual([
      { runId: two!.id, nodeId: 'after', attempt: 1 },
    ]);
    expect(await jobsOf(one!.id)).toEqual([]);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE payload->>'runId' = ${two!.id}`;
  });

  it('leaves out a run whose workflow changed since its request read it, and only that one', async () => {
    const [kept, changed] = [await workflowWith('set'), await workflowWith('set')];
    const writes = await startWrites([
      { flow: kept, n: 1 },
      { flow: changed, n: 2 },
      { flow: kept, n: 3 },
    ]);
    await db.workflow.update({ where: { id: changed.workflowId }, data: { priority: 5 } });
    const outcomes = await insertRunsTogether(pgSql(webRuntime().pool), writes);
    expect(outcomes.map((o) => o.saved)).toEqual([true, false, true]);
    expect(await db.run.count({ where: { workflowId: changed.workflowId } })).toBe(0);
    expect(await db.stepRun.count({ where: { runId: writes[1]!.run.id } })).toBe(0);
    expect(await db.run.count({ where: { workflowId: kept.workflowId } })).toBe(2);
  });
});
