import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { workflowStateStore } from './server-ports';

describe('$state from steps', () => {
  it('keeps a counter across runs of a workflow', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Counter',
      nodes: [
        node('start', 'manual'),
        node('count', 'set', { values: { n: '{{ $incrementState("runs") }}' } }),
      ],
      edges: [edge('start', 'count')],
    });
    for (let i = 0; i < 3; i++) await startRun(actor, workflowId);
    const last = await db.run.findFirstOrThrow({
      where: { workflowId },
      orderBy: { createdAt: 'desc' },
    });
    expect(last.output).toEqual({ count: { n: 3 } });
    expect(await workflowStateStore(db, workflowId).get('runs')).toBe(3);
  });

  it('loses no concurrent increment', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Plain',
      nodes: [node('start', 'manual')],
      edges: [],
    });
    const store = workflowStateStore(db, workflowId);
    await Promise.all(Array.from({ length: 40 }, () => store.increment('hits', 1)));
    expect(await store.get('hits')).toBe(40);
  });
});
