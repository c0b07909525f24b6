import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { createRuntimeContext, type RuntimeContext } from '@/server/runtime/runtime-context';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';
import { handleWebhook } from './handle-webhook';

/**
 * Webhook requests take turns per workspace (fair-turns.ts): a runtime of 3 connections has
 * 6 turns, a workspace alone may hold 4 of them, and another workspace finds one free.
 * A signed hook whose secret look-up is held open keeps its requests inside their turn.
 */
let runtime: RuntimeContext;
let slugA: string;
let slugB: string;

beforeAll(async () => {
  runtime = createRuntimeContext(db, process.env.DATABASE_URL!, 3);
  const a = await ownerActor();
  const b = await ownerActor();
  slugA = (await db.workspace.findUniqueOrThrow({ where: { id: a.workspaceId } })).slug;
  slugB = (await db.workspace.findUniqueOrThrow({ where: { id: b.workspaceId } })).slug;
  await publish(a, {
    name: 'Signed',
    nodes: [node('hook', 'webhook', { path: 'signed', secret: 'gate' })],
    edges: [],
  });
  await publish(b, {
    name: 'Plain',
    nodes: [node('hook', 'webhook', { path: 'plain' })],
    edges: [],
  });
});

afterAll(async () => {
  await runtime.pool.end();
  await closeRunListener();
});

describe('webhook turns', () => {
  it("hold one workspace's burst to its turns, and leave one free for another workspace", async () => {
    let inside = 0;
    let most = 0;
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const secrets = {
      async get() {
        inside += 1;
        most = Math.max(most, inside);
        await gate;
        inside -= 1;
        return undefined;
      },
    };
    const burst = Array.from({ length: 7 }, () =>
      handleWebhook(new Request(`http://localhost/api/hooks/${slugA}/signed`, { method: 'POST' }), {
        runtime,
        secrets,
      }),
    );
    for (let i = 0; i < 50 && inside < 4; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    expect(inside).toBe(4);

    const other = await handleWebhook(
      new Request(`http://localhost/api/hooks/${slugB}/plain`, { method: 'POST', body: '{}' }),
      { runtime },
    );
    expect(other.status).toBe(200);

    open();
    const answers = await Promise.all(burst);
    // No secret is configured: every request of the burst is refused, and each got its turn.
    expect(answers.map((r) => r.status)).toEqual(Array(7).fill(401));
    expect(most).toBe(4);
  });
});
