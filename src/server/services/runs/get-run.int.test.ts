import { beforeAll, describe, expect, it } from 'vitest';
import type { RunState } from '@/engine';
import type { Prisma } from '@/generated/prisma/client';
import { db, type Db } from '@/server/db';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { getRun } from '@/server/services/runs/get-run';
import { retryRun } from '@/server/services/runs/retry-run';
import { createMember } from '@/test/fixtures';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';

let actor: Actor;

beforeAll(async () => {
  actor = await ownerActor();
});

/**
 * A client whose first run read is followed, before getRun reads anything else, by `commit`
 * on another connection: what a page would race with while a worker records a step.
 */
function racingClient(commit: () => Promise<unknown>): Db {
  let raced = false;
  return db.$extends({
    query: {
      run: {
        async findFirst({ args, query }) {
          const result = await query(args);
          if (!raced) {
            raced = true;
            await commit();
          }
          return result;
        },
      },
    },
  }) as unknown as Db;
}

describe('getRun', () => {
  it('returns the definition, the state, the attempt records and the related runs', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Flaky',
      nodes: [
        node('start', 'manual'),
        node('a', 'set', { values: { n: '{{ input.n }}' } }),
        node('b', 'transform', {
          expression: '$incrementState("b", 1) = 1 ? $error("first time") : "ok"',
        }),
        node('wait', 'delay', { ms: 60_000 }),
      ],
      edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'wait')],
    });
    const failed = await startRun(actor, workflowId, { n: 5 });
    expect(failed.status).toBe('failed');
    const retried = await retryRun(db, webRuntime(), actor, {
      id: failed.runId,
      fromFailedStep: true,
      latestVersion: false,
    });
    expect(retried.status).toBe('waiting');

    const viewer = await createMember(actor.workspaceId, 'viewer');
    const asViewer: Actor = { userId: viewer.id, workspaceId: actor.workspaceId, role: 'viewer' };
    const original = await getRun(db, asViewer, failed.runId);
    expect(original.retries.map((r) => r.id)).toEqual([retried.runId]);
    expect(original.steps.find((s) => s.nodeId === 'a')?.input).toEqual({ values: { n: 5 } });
    expect(original.steps.find((s) => s.nodeId === 'b')?.error).toMatchObject({
      message: expect.stringContaining('first time'),
    });

    const retry = await getRun(db, asViewer, retried.runId);
    expect(retry.retryOf).toEqual({ id: failed.runId, status: 'failed' });
    expect(Object.fromEntries(retry.state!.nodes.map((n) => [n.id, n.status]))).toEqual({
      start: 'succeeded',
      a: 'succeeded',
      b: 'succeeded',
      wait: 'waiting',
    });
    expect(retry.state!.nodes.find((n) => n.id === 'wait')?.delay?.until).toEqual(
      expect.any(Number),
    );
    expect(retry.version.definition).toMatchObject({ name: 'Flaky' });
  });

  it('reads the state and the attempt records in one snapshot', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Racing',
      nodes: [node('start', 'manual'), node('wait', 'delay', { ms: 60_000 })],
      edges: [edge('start', 'wait')],
    });
    const { runId } = await startRun(actor, workflowId);
    const before = await getRun(db, actor, runId);
    const state = before.state!;
    const ended: RunState = {
      ...state,
      nodes: state.nodes.map((n) => (n.id === 'wait' ? { ...n, status: 'succeeded' } : n)),
    };
    // A worker finishes the wait between the page's reads: its record and state land at once.
    const finish = () =>
      db.$transaction([
        db.stepRun.update({
          where: { runId_nodeId_attempt: { runId, nodeId: 'wait', attempt: 1 } },
          data: { status: 'succeeded', output: { waited: true } },
        }),
        db.run.update({
          where: { id: runId },
          data: { state: ended as unknown as Prisma.InputJsonValue },
        }),
        db.run.create({
          data: {
            workspaceId: actor.workspaceId,
            workflowId,
            versionId: before.versionId,
            trigger: 'manual',
            input: {},
            retryOfId: runId,
          },
        }),
      ]);

    const raced = await getRun(racingClient(finish), actor, runId);
    expect(raced.state).toEqual(state);
    expect(raced.steps.find((s) => s.nodeId === 'wait')?.status).toBe('waiting');
    expect(raced.retries).toEqual([]);

    const after = await getRun(db, actor, runId);
    expect(after.state?.nodes.find((n) => n.id === 'wait')?.status).toBe('succeeded');
    expect(after.steps.find((s) => s.nodeId === 'wait')).toMatchObject({
      status: 'succeeded',
      output: { waited: true },
    });
    expect(after.retries).toHaveLength(1);
  });

  it('does not find a run of another workspace', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Mine',
      nodes: [node('start', 'manual')],
      edges: [],
    });
    const { runId } = await startRun(actor, workflowId);
    const other = await ownerActor();
    await expect(getRun(db, other, runId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getRun(db, actor, runId)).resolves.toMatchObject({ id: runId });
  });
});
