import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
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

describe('getRun', () => {
  it('shows live step states, step inputs and the runs it retried or was retried as', async () => {
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
    expect(Object.fromEntries(retry.nodes.map((n) => [n.id, n.status]))).toEqual({
      start: 'succeeded',
      a: 'succeeded',
      b: 'succeeded',
      wait: 'waiting',
    });
    expect(retry.nodes.find((n) => n.id === 'wait')?.waitUntil).toEqual(expect.any(Number));
    expect(retry.version.definition).toMatchObject({ name: 'Flaky' });
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
  });
});
