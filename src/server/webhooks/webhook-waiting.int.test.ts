import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { edge, node, ownerActor, publish } from '@/test/runtime-fixtures';
import { handleWebhook } from './handle-webhook';

afterAll(closeRunListener);

const WAIT_MS = 1_500;
const MAX_WAITING = 2;

/** A workspace whose webhook's run waits on a long delay (no worker here fires it). */
async function slowWorkspace(): Promise<string> {
  const actor = await ownerActor();
  await publish(actor, {
    name: 'Slow',
    nodes: [node('hook', 'webhook', { path: 'slow' }), node('wait', 'delay', { ms: 600_000 })],
    edges: [edge('hook', 'wait')],
  });
  return (await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } })).slug;
}

let a: string;
let b: string;
beforeAll(async () => {
  [a, b] = await Promise.all([slowWorkspace(), slowWorkspace()]);
});

async function call(slug: string) {
  const started = Date.now();
  const response = await handleWebhook(
    new Request(`http://localhost/api/hooks/${slug}/slow`, { method: 'POST', body: '{}' }),
    { limits: { waitMs: WAIT_MS, maxWaiting: MAX_WAITING } },
  );
  const body = (await response.json()) as { runId: string; status: string; message?: string };
  return { status: response.status, body, ms: Date.now() - started };
}

describe('webhook requests waiting for their runs', () => {
  it('are capped per workspace: past the cap the answer is 202 at once, other workspaces unaffected', async () => {
    const holding = [call(a), call(a)];
    // Both of A's slots are taken once their runs have started.
    await new Promise((r) => setTimeout(r, 400));
    const [over, other] = await Promise.all([call(a), call(b)]);

    expect(over.status).toBe(202);
    expect(over.ms).toBeLessThan(WAIT_MS / 2);
    expect(over.body.message).toBe(
      'Not waiting for the run: this workspace already has 2 webhook requests waiting for ' +
        'theirs (MINIFLOW_WEBHOOK_MAX_WAITING)',
    );
    expect(await db.run.count({ where: { id: over.body.runId } })).toBe(1);

    // B waited its full time, as it would with A idle.
    expect(other.status).toBe(202);
    expect(other.ms).toBeGreaterThanOrEqual(WAIT_MS - 50);
    expect(other.body.message).toBeUndefined();

    for (const held of await Promise.all(holding)) {
      expect(held.status).toBe(202);
      expect(held.ms).toBeGreaterThanOrEqual(WAIT_MS - 50);
      expect(held.body.message).toBeUndefined();
    }
    // The slots are given back once the waits end.
    const again = await call(a);
    expect(again.ms).toBeGreaterThanOrEqual(WAIT_MS - 50);
    expect(again.body.message).toBeUndefined();
  });
});
