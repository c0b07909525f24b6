import { beforeAll, describe, expect, it } from 'vitest';
import { FINAL_RUN_STATUSES } from '@/engine';
import { db } from '@/server/db';
import type { Actor } from '@/server/services/actor';
import { listRuns } from '@/server/services/runs/list-runs';
import { listRunsInput } from '@/server/services/runs/run-inputs';
import { createMember } from '@/test/fixtures';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';

let actor: Actor;
let other: Actor;
let wfA: string;
let wfB: string;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const TRIGGERS = ['manual', 'webhook', 'cron'] as const;

const def = (name: string) => ({
  name,
  nodes: [node('start', 'manual')],
  edges: [],
});

/** Run rows written directly: 30 in `actor`'s workspace, some sharing a creation time. */
async function seed(into: Actor, workflowId: string, count: number, prefix: string) {
  const version = await db.workflowVersion.findFirstOrThrow({ where: { workflowId } });
  await db.run.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      id: `${prefix}-${String(i).padStart(3, '0')}`,
      workspaceId: into.workspaceId,
      workflowId,
      versionId: version.id,
      status: FINAL_RUN_STATUSES[i % 3]!,
      trigger: TRIGGERS[i % 3]!,
      input: {},
      // Pairs of runs share a timestamp: the id must break the tie.
      createdAt: new Date(T0 + Math.floor(i / 2) * 60_000),
    })),
  });
}

const list = (input: Record<string, unknown>, as: Actor = actor) =>
  listRuns(db, as, listRunsInput.parse(input));

/** Every page, following the cursors. */
async function allPages(input: Record<string, unknown>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list({ ...input, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

beforeAll(async () => {
  actor = await ownerActor();
  other = await ownerActor();
  wfA = (await publish(actor, def('A'))).workflowId;
  wfB = (await publish(actor, def('B'))).workflowId;
  const wfOther = (await publish(other, def('Other'))).workflowId;
  await seed(actor, wfA, 20, `a-${actor.workspaceId}`);
  await seed(actor, wfB, 10, `b-${actor.workspaceId}`);
  await seed(other, wfOther, 10, `o-${other.workspaceId}`);
});

describe('listRuns', () => {
  it('lists the workspace newest first, every run once across pages', async () => {
    const first = await list({ limit: 7 });
    expect(first.items).toHaveLength(7);
    expect(first.items[0]).toMatchObject({ workflowName: expect.any(String) });
    const { ids, pages } = await allPages({ limit: 7 });
    expect(pages).toBe(5);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    const rows = await db.run.findMany({
      where: { workspaceId: actor.workspaceId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    expect(ids).toEqual(rows.map((r) => r.id));
  });

  it('filters by workflow, status, trigger and time range, combined', async () => {
    const byWorkflow = await allPages({ workflowId: wfB, limit: 3 });
    expect(byWorkflow.ids).toHaveLength(10);
    expect(byWorkflow.ids.every((id) => id.startsWith('b-'))).toBe(true);

    const failed = await list({ status: 'failed', limit: 50 });
    expect(failed.items.length).toBe(10);
    expect(failed.items.every((r) => r.status === 'failed')).toBe(true);

    const cron = await list({ trigger: 'cron', workflowId: wfA, limit: 50 });
    expect(cron.items.length).toBe(6);
    expect(cron.items.every((r) => r.trigger === 'cron' && r.workflowId === wfA)).toBe(true);

    const window = await list({
      from: new Date(T0 + 2 * 60_000).toISOString(),
      to: new Date(T0 + 4 * 60_000).toISOString(),
      workflowId: wfA,
      limit: 50,
    });
    expect(window.items.map((r) => r.id.slice(-3))).toEqual(['007', '006', '005', '004']);

    const mixed = await list({ workflowId: wfA, status: 'succeeded', trigger: 'manual' });
    expect(mixed.items.length).toBe(7);
  });

  it('finds one run by id', async () => {
    const id = `a-${actor.workspaceId}-004`;
    expect((await list({ q: id })).items.map((r) => r.id)).toEqual([id]);
    expect((await list({ q: id, status: 'succeeded' })).items).toEqual([]);
  });

  it('never shows another workspace: not its runs, not through its cursor or id', async () => {
    const theirs = await list({ limit: 50 }, other);
    expect(theirs.items).toHaveLength(10);
    expect(theirs.items.every((r) => r.id.startsWith('o-'))).toBe(true);
    expect((await list({ q: `o-${other.workspaceId}-001` })).items).toEqual([]);
    expect((await list({ cursor: `o-${other.workspaceId}-005` })).items).toEqual([]);
    const viewer = await createMember(actor.workspaceId, 'viewer');
    const asViewer = { userId: viewer.id, workspaceId: actor.workspaceId, role: 'viewer' as const };
    expect((await list({ limit: 50 }, asViewer)).items).toHaveLength(30);
  });

  it('refuses bad filters with the field named', () => {
    expect(listRunsInput.safeParse({ status: 'done' }).error?.issues[0]?.path).toEqual(['status']);
    expect(listRunsInput.safeParse({ from: 'yesterday' }).error?.issues[0]?.path).toEqual(['from']);
    const reversed = listRunsInput.safeParse({
      from: '2026-01-02T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
    });
    expect(reversed.error?.issues[0]).toMatchObject({
      path: ['to'],
      message: 'must be after from',
    });
  });
});
