import { afterAll, describe, expect, it } from 'vitest';
import type { Flag } from '@/engine';
import { db } from '@/server/db';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';
import { waitUntil } from '@/test/runtime-waits';
import { workspaceFixture } from '@/test/workspace-fixture';
import { env } from '../env';
import { keyFor, rest } from '../rest/rest-test-kit';
import { deleteSegment } from '../services/flags/delete-segment';
import { putFlag } from '../services/flags/put-flag';
import { putSegment } from '../services/flags/put-segment';
import { tryFlag } from '../services/flags/try-flag';
import type { Actor } from '../services/actor';
import { FlagCache } from './flag-cache';
import { createRunListener } from '../events/run-listener';
import { flagNotices } from './flag-listener';

const listeners: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const l of listeners) await l.close();
});

const beta: Flag = {
  key: 'beta-ui',
  kind: 'boolean',
  enabled: true,
  variants: { on: true, off: false },
  defaultVariant: 'off',
  rules: [
    { when: [{ attribute: 'targetingKey', op: 'inSegment', values: ['testers'] }], serve: 'on' },
  ],
};

async function workspaceWith(role: 'owner' | 'editor' | 'viewer') {
  const ws = await createWorkspace();
  const owner = await createMember(ws.id, 'owner');
  const member = role === 'owner' ? owner : await createMember(ws.id, role);
  const actor: Actor = { userId: owner.id, workspaceId: ws.id, role: 'owner' };
  return { ws, actor, caller: callerFor(member.id, ws.slug) };
}

describe('flag segments', () => {
  it('are stored per workspace, audited, and read by viewers but written by editors', async () => {
    const { ws, actor, caller } = await workspaceWith('viewer');
    const created = await putSegment(db, actor, { key: 'testers', targetingKeys: ['u1'] });
    expect(created).toMatchObject({ created: true, version: 1 });
    const replaced = await putSegment(db, actor, {
      key: 'testers',
      description: 'People who try things first',
      targetingKeys: ['u1', 'u2'],
      when: [{ attribute: 'email', op: 'endsWith', values: ['@acme.com'] }],
    });
    expect(replaced).toMatchObject({ created: false, version: 2 });
    expect((await caller.segment.get({ key: 'testers' })).segment.targetingKeys).toEqual([
      'u1',
      'u2',
    ]);
    expect((await caller.segment.list()).map((s) => s.segment.key)).toEqual(['testers']);
    await expect(caller.segment.put({ key: 'x', targetingKeys: ['u1'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: ws.id, targetType: 'segment' },
      orderBy: { id: 'asc' },
      select: { action: true, targetId: true, actorId: true },
    });
    expect(audit).toEqual([
      { action: 'segment.created', targetId: 'testers', actorId: actor.userId },
      { action: 'segment.updated', targetId: 'testers', actorId: actor.userId },
    ]);
    await deleteSegment(db, actor, 'testers');
    await expect(caller.segment.get({ key: 'testers' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses a segment with neither conditions nor targeting keys, naming the field', async () => {
    const { caller } = await workspaceWith('editor');
    const error = await caller.segment.put({ key: 'empty' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(String((error as Error).message)).toContain(
      'A segment has at least one condition or one targeting key',
    );
  });

  it('inSegment matches stored segments, and the flag cache refreshes when one changes', async () => {
    const { actor } = await workspaceWith('owner');
    await putFlag(db, actor, beta);
    await putSegment(db, actor, { key: 'testers', targetingKeys: ['u1'] });
    const listener = createRunListener(env().DATABASE_URL);
    listeners.push(listener);
    const cache = new FlagCache(db, flagNotices(listener));
    const variant = async (targetingKey: string) =>
      (await cache.forWorkspace(actor.workspaceId)).set.evaluate('beta-ui', { targetingKey })
        .variant;
    expect(await variant('u1')).toBe('on');
    expect(await variant('u2')).toBe('off');
    expect((await tryFlag(db, actor, 'beta-ui', { targetingKey: 'u1' })).evaluation.variant).toBe(
      'on',
    );

    await putSegment(db, actor, { key: 'testers', targetingKeys: ['u2'] });
    await waitUntil('the segment change to reach the cache', async () =>
      (await variant('u2')) === 'on' ? true : undefined,
    );
    expect(await variant('u1')).toBe('off');

    await deleteSegment(db, actor, 'testers');
    await waitUntil('the segment deletion to reach the cache', async () =>
      (await variant('u2')) === 'off' ? true : undefined,
    );
  });
});

describe('segments over REST', () => {
  it('PUT creates then replaces, GET reads, and bad documents are refused naming the field', async () => {
    const fixture = await workspaceFixture();
    const editor = await keyFor(fixture, 'editor');
    const doc = { key: 'staff', targetingKeys: ['u1'] };
    const created = await rest('PUT', '/segments/staff', { key: editor, body: doc });
    expect(created).toMatchObject({ status: 201, body: doc });
    const replaced = { ...doc, when: [{ attribute: 'plan', op: 'equals', values: ['pro'] }] };
    expect(await rest('PUT', '/segments/staff', { key: editor, body: replaced })).toMatchObject({
      status: 200,
      body: replaced,
    });
    expect((await rest('GET', '/segments/staff', { key: editor })).body).toEqual(replaced);
    const mismatch = await rest('PUT', '/segments/other', { key: editor, body: doc });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({
      detail: 'key: "staff" differs from the key in the path ("other")',
    });
    const empty = await rest('PUT', '/segments/staff', { key: editor, body: { key: 'staff' } });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain(
      'A segment has at least one condition or one targeting key',
    );
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: fixture.workspaceId, targetType: 'segment', targetId: 'staff' },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual(['segment.created', 'segment.updated']);
  });
});

describe('flag cache bounds', () => {
  it('remembers the workspaces of at most maxKnownWorkflows workflows', async () => {
    const { ws, actor } = await workspaceWith('owner');
    await putFlag(db, actor, beta);
    const workflows = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        db.workflow.create({
          data: { workspaceId: ws.id, name: `Bounded ${n}`, draft: {} },
          select: { id: true },
        }),
      ),
    );
    const listener = createRunListener(env().DATABASE_URL);
    listeners.push(listener);
    const cache = new FlagCache(db, flagNotices(listener), 2);
    for (const { id } of workflows) {
      const evaluation = await cache.flagsForWorkflow(id).evaluate('beta-ui', {});
      expect(evaluation.variant).toBe('off');
      expect(cache.knownWorkflows).toBeLessThanOrEqual(2);
    }
    expect(cache.knownWorkflows).toBe(2);
  });
});
