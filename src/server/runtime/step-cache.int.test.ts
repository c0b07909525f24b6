import { afterAll, describe, expect, it } from 'vitest';
import type { StepCacheSettings } from '@/engine/definition/workflow.schema';
import { db } from '@/server/db';
import { edge, node, ownerActor, publish, startRun, waitForRun } from '@/test/runtime-fixtures';
import { closeRunListener } from '../events/run-listener';
import { createCredential } from '../services/credentials/save-credential';
import { getRun } from '../services/runs/get-run';
import { runJson } from '../rest/run-json';
import { stepCacheStore } from './step-cache-store';

afterAll(closeRunListener);

/** A step whose params bump a counter each time they are resolved: a hit skips them. */
const counting = (cache: StepCacheSettings) => ({
  name: 'Cached',
  nodes: [
    node('start', 'manual'),
    {
      ...node('lookup', 'set', {
        values: { n: '{{ $incrementState("calls") }}', id: '{{ input.id }}' },
      }),
      cache,
    },
  ],
  edges: [edge('start', 'lookup')],
});

async function runOnce(
  actor: Awaited<ReturnType<typeof ownerActor>>,
  workflowId: string,
  id: string,
) {
  const run = await waitForRun((await startRun(actor, workflowId, { id })).runId);
  const step = await db.stepRun.findFirstOrThrow({ where: { runId: run.id, nodeId: 'lookup' } });
  return {
    runId: run.id,
    output: (run.output as { lookup: unknown }).lookup,
    logs: step.logs,
    cached: step.cached,
  };
}

describe('step result cache', () => {
  it('serves a hit without running the step, records it on the attempt, and keys by the template', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(
      actor,
      counting({ ttlSeconds: 600, key: '{{ input.id }}' }),
    );
    const first = await runOnce(actor, workflowId, 'a');
    expect(first.output).toEqual({ n: 1, id: 'a' });
    expect(first.cached).toBe(false);
    const again = await runOnce(actor, workflowId, 'a');
    expect(again.output).toEqual({ n: 1, id: 'a' });
    expect(again.cached).toBe(true);
    // The run API shows it: the attempt record (run page) and the REST run document.
    const stored = await getRun(db, actor, again.runId);
    expect(stored.steps.find((s) => s.nodeId === 'lookup')?.cached).toBe(true);
    expect(stored.steps.find((s) => s.nodeId === 'start')?.cached).toBe(false);
    expect(runJson(stored).steps.lookup).toMatchObject({ status: 'succeeded', cached: true });
    expect(runJson(stored).steps.start).not.toHaveProperty('cached');
    const third = await runOnce(actor, workflowId, 'b');
    expect(third).toMatchObject({ output: { n: 2, id: 'b' }, cached: false });
  });

  it('stores outputs masked: a credential value never lands in the cache table', async () => {
    const actor = await ownerActor();
    const secret = `cache-secret-${Math.random().toString(36).slice(2)}`;
    await createCredential(db, actor, {
      name: 'CACHED_TOKEN',
      type: 'secret',
      data: { value: secret },
    });
    const { workflowId } = await publish(actor, {
      name: 'Cached secret',
      nodes: [
        node('start', 'manual'),
        {
          ...node('lookup', 'set', {
            values: { token: '{{ $secret("CACHED_TOKEN") }}', id: '{{ input.id }}' },
          }),
          cache: { ttlSeconds: 600, key: '{{ input.id }}' },
        },
      ],
      edges: [edge('start', 'lookup')],
    });
    const first = await runOnce(actor, workflowId, 'a');
    const rows = await db.$queryRaw<{ output: string }[]>`
      SELECT output::text AS output FROM "StepCacheEntry" WHERE "workflowId" = ${workflowId}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.output).not.toContain(secret);
    expect(rows[0]!.output).toContain('"id": "a"');
    const hit = await runOnce(actor, workflowId, 'a');
    expect(hit.cached).toBe(true);
    expect(hit.output).toEqual(first.output);
    expect(JSON.stringify(hit.output)).not.toContain(secret);
  });

  it('drops a workflow’s entries when a new version is published', async () => {
    const actor = await ownerActor();
    const definition = counting({ ttlSeconds: 600, key: '{{ input.id }}' });
    const { workflowId } = await publish(actor, definition);
    await runOnce(actor, workflowId, 'a');
    expect(await db.stepCacheEntry.count({ where: { workflowId } })).toBe(1);
    const { saveDraft } = await import('../services/workflows/save-draft');
    const { publishWorkflow } = await import('../services/workflows/publish-workflow');
    const wf = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
    await saveDraft(db, actor, {
      id: workflowId,
      definition: { schemaVersion: 1, ...definition, name: 'Cached v2' },
      revision: wf.draftRevision,
    });
    await publishWorkflow(db, actor, { id: workflowId, message: 'v2' });
    expect(await db.stepCacheEntry.count({ where: { workflowId } })).toBe(0);
    expect((await runOnce(actor, workflowId, 'a')).output).toEqual({ n: 2, id: 'a' });
  });

  it('evicts a workspace’s oldest entries beyond the byte cap, and ignores expired ones', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, counting({ ttlSeconds: 600 }));
    const store = stepCacheStore(db, workflowId, 'lookup', () => 100);
    const payload = 'x'.repeat(40);
    for (const key of ['k1', 'k2', 'k3']) {
      await store.set(key, { output: payload }, 600);
      await new Promise((r) => setTimeout(r, 5));
    }
    // Each entry is 42 bytes of JSON: only the two newest fit in 100.
    expect(await store.get('k1')).toBeUndefined();
    expect(await store.get('k2')).toEqual({ output: payload });
    expect(await store.get('k3')).toEqual({ output: payload });
    await db.stepCacheEntry.updateMany({
      where: { workflowId },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await store.get('k3')).toBeUndefined();
    const other = await ownerActor();
    const { workflowId: otherWorkflow } = await publish(other, counting({ ttlSeconds: 600 }));
    await stepCacheStore(db, otherWorkflow, 'lookup', () => 100).set(
      'k1',
      { output: 'y', port: 'out' },
      600,
    );
    expect(await stepCacheStore(db, otherWorkflow, 'lookup', () => 100).get('k1')).toEqual({
      output: 'y',
      port: 'out',
    });
    expect(await db.stepCacheEntry.count({ where: { workspaceId: actor.workspaceId } })).toBe(2);
    await store.set('k4', { output: 'z' }, 600);
    expect(await db.stepCacheEntry.count({ where: { workspaceId: actor.workspaceId } })).toBe(1);
  });
});
