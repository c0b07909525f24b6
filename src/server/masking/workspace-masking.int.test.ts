import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { db } from '../db';
import { closeRunListener } from '../events/run-listener';
import type { Actor } from '../services/actor';
import { addMaskingRule, setMaskingBuiltins } from '../services/masking/masking-settings';
import { handleWebhook } from '../webhooks/handle-webhook';
import { forgetMasking, workspaceMasking } from './workspace-masking';

afterAll(closeRunListener);

const CARD = '4111 1111 1111 1111';
let actor: Actor;
let slug: string;

beforeAll(async () => {
  actor = await ownerActor();
  slug = (await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } })).slug;
  await setMaskingBuiltins(db, actor, { builtins: ['credentials', 'card'] });
  await addMaskingRule(db, actor, { name: 'password', kind: 'path', expression: '**.password' });
});

describe("a workspace's masking rules", () => {
  it('mask webhook inputs before the run stores them', async () => {
    await publish(actor, {
      name: 'Signup hook',
      nodes: [node('hook', 'webhook', { path: 'signup' })],
      edges: [],
    });
    const res = await handleWebhook(
      new Request(`http://localhost/api/hooks/${slug}/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: { name: 'Ada', password: 'hunter2' }, card: CARD }),
      }),
    );
    const runId = res.headers.get('x-miniflow-run-id')!;
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    const text = JSON.stringify(run);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(CARD);
    expect((run.input as { body: unknown }).body).toEqual({
      user: { name: 'Ada', password: '••••[password]' },
      card: '••••[card]',
    });
  });

  it('mask run inputs, step inputs, outputs and logs, and leave everything else as it was', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Card log',
      nodes: [
        node('start', 'manual'),
        node('say', 'log', { message: 'charging {{ input.card }} for {{ input.item }}' }),
        node('keep', 'set', { values: { card: '{{ input.card }}', item: '{{ input.item }}' } }),
      ],
      edges: [edge('start', 'say'), edge('say', 'keep')],
    });
    const { runId } = await startRun(actor, workflowId, { card: CARD, item: 'book' });
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.input).toEqual({ card: '••••[card]', item: 'book' });
    const steps = await db.stepRun.findMany({ where: { runId } });
    const say = steps.find((s) => s.nodeId === 'say')!;
    const keep = steps.find((s) => s.nodeId === 'keep')!;
    expect(say.input).toMatchObject({ message: 'charging ••••[card] for book' });
    expect(say.logs).toEqual([
      expect.objectContaining({ message: 'charging ••••[card] for book' }),
    ]);
    expect(keep.output).toEqual({ card: '••••[card]', item: 'book' });
  });
});

describe("the kept copy of a workspace's masking rules", () => {
  it('is read afresh behind its use past half its time, never used past its time, and forgotten at once after a change made here', async () => {
    const other = await ownerActor();
    const workspaceId = other.workspaceId;
    const rule = (name: string) =>
      db.maskingRule.create({
        data: { workspaceId, name, kind: 'path', expression: `**.${name}` },
      });
    const t0 = Date.now();
    const first = await workspaceMasking(db, workspaceId, t0);
    // Rules added by another process: this one is not told.
    await rule('token');
    expect(await workspaceMasking(db, workspaceId, t0 + 1_000)).toBe(first);

    // Past half its time: the kept copy answers at once, and a fresh read starts behind it.
    expect(await workspaceMasking(db, workspaceId, t0 + 3_000)).toBe(first);
    let fresh = first;
    for (let i = 0; i < 100 && fresh === first; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      fresh = await workspaceMasking(db, workspaceId, t0 + 3_001);
    }
    expect(fresh.paths.length).toBe(first.paths.length + 1);

    // The fresh copy dates from its read (t0 + 3 s): past its time, nothing kept is used.
    await rule('secret');
    const expired = await workspaceMasking(db, workspaceId, t0 + 8_000);
    expect(expired.paths.length).toBe(fresh.paths.length + 1);

    await rule('pin');
    forgetMasking(workspaceId);
    const changed = await workspaceMasking(db, workspaceId, t0 + 8_001);
    expect(changed.paths.length).toBe(expired.paths.length + 1);
  });
});
