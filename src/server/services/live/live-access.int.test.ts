import { TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';
import { db } from '@/server/db';
import { closeAccessListener } from '@/server/events/access-listener';
import { closeRunListener } from '@/server/events/run-listener';
import { callerFor, createMember } from '@/test/fixtures';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import type { LiveRunEvent } from './run-events';

afterAll(async () => {
  await closeRunListener();
  await closeAccessListener();
});

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function setUp() {
  const actor = await ownerActor();
  const { slug } = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
  const { workflowId } = await publish(actor, {
    name: 'Inline',
    nodes: [node('start', 'manual'), node('v', 'set', { values: { ok: true } })],
    edges: [edge('start', 'v')],
  });
  const member = await createMember(actor.workspaceId, 'editor');
  const owner = callerFor(actor.userId, slug);
  const membershipId = (await owner.member.list()).find((m) => m.userId === member.id)!.id;
  return { actor, slug, member, owner, membershipId, start: () => startRun(actor, workflowId) };
}

/** Opens `live.runs` as the user, the way the HTTP endpoint does, and reads it in the background. */
async function watch(userId: string, slug: string, sessionVersion?: number) {
  const abort = new AbortController();
  const caller = createCaller(
    createContext({
      userId,
      workspaceSlug: slug,
      ...(sessionVersion === undefined ? {} : { sessionVersion }),
    }),
    { signal: abort.signal },
  );
  const stream = await caller.live.runs({});
  const events: LiveRunEvent[] = [];
  const state: { ended: boolean; error?: unknown } = { ended: false };
  void (async () => {
    try {
      for await (const event of stream) events.push(event);
    } catch (error) {
      state.error = error;
    } finally {
      state.ended = true;
    }
  })();
  await until(() => events.some((e) => e.type === 'resync'));
  return {
    state,
    heard: (runId: string) => events.some((e) => e.type === 'run' && e.runId === runId),
    stop: () => abort.abort(),
  };
}

describe('live streams follow the holder’s access', () => {
  it('keep streaming after a demotion (re-authorized), end with NOT_FOUND at once on removal', async () => {
    const { member, slug, owner, membershipId, start } = await setUp();
    const live = await watch(member.id, slug);
    try {
      const first = await start();
      await until(() => live.heard(first.runId));

      await owner.member.updateRole({ membershipId, role: 'viewer' });
      const second = await start();
      await until(() => live.heard(second.runId));
      expect(live.state.ended).toBe(false);

      const removedAt = Date.now();
      await owner.member.remove({ membershipId });
      await until(() => live.state.ended, 2_000);
      expect(Date.now() - removedAt).toBeLessThan(2_000);
      expect(live.state.error).toBeInstanceOf(TRPCError);
      expect((live.state.error as TRPCError).code).toBe('NOT_FOUND');
    } finally {
      live.stop();
    }
  });

  it('end when the holder’s sessions are ended', async () => {
    const { member, slug } = await setUp();
    const live = await watch(member.id, slug, 0);
    try {
      await callerFor(member.id, null).account.signOutEverywhere();
      await until(() => live.state.ended, 2_000);
      expect((live.state.error as TRPCError).code).toBe('NOT_FOUND');
    } finally {
      live.stop();
    }
  });

  it('end quietly when the client goes away', async () => {
    const { member, slug } = await setUp();
    const live = await watch(member.id, slug);
    live.stop();
    await until(() => live.state.ended);
    expect(live.state.error).toBeUndefined();
  });
});
