import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';
import { handleWebhook } from './handle-webhook';

afterAll(closeRunListener);

describe('Idempotency-Key', () => {
  it('replays the same request, and refuses the key with another body (422)', async () => {
    const actor = await ownerActor();
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
    const { workflowId } = await publish(actor, {
      name: 'Orders',
      nodes: [node('hook', 'webhook', { path: 'orders' })],
      edges: [],
    });
    const post = (body: unknown, key = 'order-1') =>
      handleWebhook(
        new Request(`http://localhost/api/hooks/${ws.slug}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
        }),
      );
    const first = await post({ amount: 10 });
    expect(first.status).toBe(200);
    const replay = await post({ amount: 10 });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('x-miniflow-run-id')).toBe(first.headers.get('x-miniflow-run-id'));

    const other = await post({ amount: 99999 });
    expect(other.status).toBe(422);
    expect((await other.json()).error.message).toMatch(/Idempotency-Key: already used/);
    expect(await db.run.count({ where: { workflowId } })).toBe(1);
  });
});
