import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type RuntimeContext } from '@/server/runtime/runtime-context';
import { triggerRun } from '@/server/runtime/trigger-run';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { edge, node, ownerActor, publish, waitForRun, withWorker } from '@/test/runtime-fixtures';
import { jobsOf } from '@/test/runtime-waits';

let actor: Actor;
beforeAll(async () => {
  actor = await ownerActor();
});

describe('inline steps and the transaction time limit', () => {
  it('hands the rest of a long inline chain to the queue instead of outliving the transaction', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const { workflowId } = await publish(actor, {
      name: 'Long inline chain',
      nodes: [node('start', 'manual'), ...ids.map((id) => node(id, 'set', { values: { id } }))],
      edges: [edge('start', 'a'), ...ids.slice(1).map((id, i) => edge(ids[i]!, id))],
    });
    // Each reading of this clock is 100 ms after the last: with a 1 s limit, inline steps
    // may use the first 500 ms of the transaction.
    let clock = Date.now();
    const base = webRuntime();
    const slow: RuntimeContext = {
      ...base,
      now: () => (clock += 100),
      limits: { ...base.limits, transactionTimeoutMs: 1_000 },
    };
    const { runId, state } = await transaction(slow, (sql) =>
      triggerRun(sql, slow, {
        workspaceId: actor.workspaceId,
        workflowId,
        trigger: 'manual',
        input: {},
      }),
    );
    expect(state?.status).toBe('running');
    const ran = state!.nodes.filter((n) => n.status === 'succeeded').map((n) => n.id);
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.length).toBeLessThan(ids.length + 1);
    expect((await jobsOf(runId)).map((j) => j.task)).toEqual(['mf_step']);

    await withWorker(async () => {
      const run = await waitForRun(runId);
      expect(run.status).toBe('succeeded');
      expect(run.output).toEqual({ f: { id: 'f' } });
    });
  });
});
