import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';
import { jobsOf, waitUntil } from '@/test/runtime-waits';
import pg from 'pg';
import { RUN_CHANNEL } from './notify';
import { readRun } from './apply-events';
import { applyWithoutLock, startWithoutLock } from './optimistic-apply';
import { pgSql } from './sql';
import { webRuntime } from './web-runtime';

const succeeded = (nodeId: string, output: unknown) => ({
  event: { type: 'stepSucceeded' as const, nodeId, attempt: 1, output },
});

async function queuedRun() {
  const actor = await ownerActor();
  const { workflowId, versionId } = await publish(actor, {
    name: 'Queued step',
    nodes: [
      node('start', 'manual'),
      node('work', 'code', { code: 'return 1;' }),
      node('after', 'set', { values: { got: '{{ steps.work }}' } }),
    ],
    edges: [edge('start', 'work'), edge('work', 'after')],
  });
  const { runId } = await startRun(actor, workflowId, {});
  return { actor, workflowId, versionId, runId };
}

describe('applying events without the row lock', () => {
  it('saves in one statement while the state is as it was read, bumping its version', async () => {
    const { runId } = await queuedRun();
    const runtime = webRuntime();
    const read = (await readRun(pgSql(runtime.pool), runId))!;
    const state = await applyWithoutLock(runtime, read, [succeeded('work', 7)]);
    expect(state?.status).toBe('succeeded');
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    expect(run.status).toBe('succeeded');
    expect(run.stateVersion).toBe(read.stateVersion + 1);
    expect(run.output).toEqual({ after: { got: 7 } });
    expect(run.steps.map((s) => s.nodeId).sort()).toEqual(['after', 'start', 'work']);
  });

  it('writes nothing at all when the run changed since it was read', async () => {
    const { runId } = await queuedRun();
    const runtime = webRuntime();
    const stale = (await readRun(pgSql(runtime.pool), runId))!;
    // Someone else changes the run meanwhile.
    const fresh = (await readRun(pgSql(runtime.pool), runId))!;
    await applyWithoutLock(runtime, fresh, [succeeded('work', 1)]);
    const before = await db.run.findUniqueOrThrow({
      where: { id: runId },
      include: { steps: true },
    });
    const jobsBefore = await jobsOf(runId);

    expect(await applyWithoutLock(runtime, stale, [succeeded('work', 2)])).toBeUndefined();

    const after = await db.run.findUniqueOrThrow({
      where: { id: runId },
      include: { steps: true },
    });
    expect(after.stateVersion).toBe(before.stateVersion);
    expect(after.output).toEqual({ after: { got: 1 } });
    expect(after.steps).toEqual(before.steps);
    expect(await jobsOf(runId)).toEqual(jobsBefore);
  });

  it('leaves work that needs more than the save to the locking path', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Limited',
      nodes: [node('start', 'manual'), node('work', 'code', { code: 'return 1;' })],
      edges: [edge('start', 'work')],
    });
    const { runId } = await startRun(actor, workflowId, {});
    await db.workflow.update({ where: { id: workflowId }, data: { concurrencyLimit: 1 } });
    const runtime = webRuntime();
    const read = (await readRun(pgSql(runtime.pool), runId))!;
    // Finishing frees a concurrency slot for the next queued run: that takes the lock.
    expect(await applyWithoutLock(runtime, read, [succeeded('work', 1)])).toBeUndefined();
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.stateVersion).toBe(read.stateVersion);
    expect(run.status).toBe('running');
  });

  it('starts a fresh run only while its workflow is still as the caller found it', async () => {
    const { actor, workflowId, versionId } = await queuedRun();
    const runtime = webRuntime();
    const fresh = {
      workspaceId: actor.workspaceId,
      workflowId,
      versionId,
      trigger: 'api' as const,
      input: {},
      priority: 0,
    };
    const started = await startWithoutLock(runtime, fresh, {
      publishedVersionId: versionId,
      priority: 0,
      webhook: null,
    });
    expect(started?.state.status).toBe('running');
    expect(await db.run.count({ where: { id: started!.id } })).toBe(1);

    await db.workflow.update({ where: { id: workflowId }, data: { priority: 5 } });
    const before = await db.run.count({ where: { workflowId } });
    const refused = await startWithoutLock(runtime, fresh, {
      publishedVersionId: versionId,
      priority: 0,
      webhook: null,
    });
    expect(refused).toBeUndefined();
    expect(await db.run.count({ where: { workflowId } })).toBe(before);
  });

  it('loses no parallel result when many steps of one run finish at once', async () => {
    const actor = await ownerActor();
    const branches = Array.from({ length: 16 }, (_, i) => `b${i}`);
    const { workflowId } = await publish(actor, {
      name: 'Wide fan-out',
      nodes: [
        node('start', 'manual'),
        ...branches.map((id, i) => node(id, 'code', { code: `return ${i};` })),
        node('join', 'merge', { mode: 'all' }),
      ],
      edges: [
        ...branches.map((id) => edge('start', id)),
        ...branches.map((id) => edge(id, 'join')),
      ],
    });
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => startRun(actor, workflowId, {})),
    );
    await withWorker(async () => {
      for (const { runId } of runs) {
        const run = await waitForRun(runId);
        expect(run.status).toBe('succeeded');
        expect(run.output).toEqual({
          join: Object.fromEntries(branches.map((id, i) => [id, i])),
        });
      }
    }, 8);
    for (const { runId } of runs) {
      const steps = await db.stepRun.findMany({ where: { runId, status: 'succeeded' } });
      expect(steps).toHaveLength(branches.length + 2);
    }
  });
});

describe('notices of optimistic writes', () => {
  it('follow the commit, and a run that queues no job does not wake the queue', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Pure',
      nodes: [node('start', 'manual'), node('shape', 'set', { values: { ok: true } })],
      edges: [edge('start', 'shape')],
    });
    const published = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const heard: { channel: string; payload: string | undefined }[] = [];
    listener.on('notification', (n) => heard.push({ channel: n.channel, payload: n.payload }));
    await listener.query('LISTEN "jobs:insert"');
    await listener.query(`LISTEN ${RUN_CHANNEL}`);
    try {
      const runtime = webRuntime();
      const started = await startWithoutLock(
        runtime,
        {
          workspaceId: actor.workspaceId,
          workflowId,
          versionId: published.publishedVersionId!,
          trigger: 'api',
          input: {},
          priority: 0,
        },
        { publishedVersionId: published.publishedVersionId!, priority: 0, webhook: null },
      );
      expect(started?.state.status).toBe('succeeded');
      await runtime.notices.flush();
      const runNotice = await waitUntil('the run notice', () =>
        heard.find((n) => n.channel === RUN_CHANNEL && n.payload?.includes(started!.id)),
      );
      expect(JSON.parse(runNotice.payload!)).toMatchObject({ status: 'succeeded', workflowId });
      expect(heard.filter((n) => n.channel === 'jobs:insert')).toEqual([]);
    } finally {
      await listener.end();
    }
  });
});
