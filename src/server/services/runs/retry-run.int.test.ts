import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { retryRun } from '@/server/services/runs/retry-run';
import { publishWorkflow } from '@/server/services/workflows/publish-workflow';
import { saveDraft } from '@/server/services/workflows/save-draft';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';
import { attemptsOf } from '@/test/runtime-waits';
import { startTestServer, type TestServer } from '@/test/test-http-server';

process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

let server: TestServer;
let actor: Actor;
beforeAll(async () => {
  // /a counts its calls; /b fails its first call only.
  server = await startTestServer((path, nth) =>
    path === '/b' && nth === 1 ? { status: 500 } : { body: { n: nth } },
  );
  actor = await ownerActor();
});
afterAll(() => server.close());

/** manual → a (counted) → b (fails once) → done, which shows what `a` returned. */
const chain = (version: number) => ({
  name: 'Chain',
  nodes: [
    node('start', 'manual'),
    node('a', 'http', { url: `${server.url}/a` }),
    node('b', 'http', { url: `${server.url}/b` }),
    node('done', 'set', { values: { a: '{{ steps.a.body.n }}', version } }),
  ],
  edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'done')],
});

const retry = (id: string, options: { fromFailedStep?: boolean; latestVersion?: boolean }) =>
  retryRun(db, webRuntime(), actor, {
    id,
    fromFailedStep: options.fromFailedStep ?? false,
    latestVersion: options.latestVersion ?? false,
  });

describe('retryRun', () => {
  it('retries from the failed step, on the same or the latest version', async () => {
    const { workflowId, versionId: v1 } = await publish(actor, chain(1));
    await withWorker(async () => {
      const failed = await startRun(actor, workflowId);
      expect((await waitForRun(failed.runId)).status).toBe('failed');
      expect([server.count('/a'), server.count('/b')]).toEqual([1, 1]);

      // From the failed step: `a` is not called again; its recorded output is reused.
      const fromFailed = await retry(failed.runId, { fromFailedStep: true });
      const r2 = await waitForRun(fromFailed.runId);
      expect(r2).toMatchObject({
        status: 'succeeded',
        retryOfId: failed.runId,
        reuseOutputs: true,
        versionId: v1,
      });
      expect(r2.output).toEqual({ done: { a: 1, version: 1 } });
      expect([server.count('/a'), server.count('/b')]).toEqual([1, 2]);
      expect(await attemptsOf(fromFailed.runId)).toEqual([
        ['a', 1, 'succeeded'],
        ['b', 1, 'succeeded'],
        ['done', 1, 'succeeded'],
        ['start', 1, 'succeeded'],
      ]);

      // A plain retry runs everything again, on the failed run's version.
      const plain = await retry(failed.runId, {});
      const r3 = await waitForRun(plain.runId);
      expect(r3).toMatchObject({ status: 'succeeded', versionId: v1, reuseOutputs: false });
      expect(r3.output).toEqual({ done: { a: 2, version: 1 } });
      expect(server.count('/a')).toBe(2);

      // A new version is published: only latestVersion runs it.
      const wf = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
      await saveDraft(db, actor, {
        id: workflowId,
        definition: { schemaVersion: 1, ...chain(2) },
        revision: wf.draftRevision,
      });
      const v2 = await publishWorkflow(db, actor, { id: workflowId, message: 'v2' });
      const same = await waitForRun((await retry(failed.runId, { fromFailedStep: true })).runId);
      expect(same).toMatchObject({ status: 'succeeded', versionId: v1 });
      expect(same.output).toEqual({ done: { a: 1, version: 1 } });
      const latest = await waitForRun(
        (await retry(failed.runId, { fromFailedStep: true, latestVersion: true })).runId,
      );
      expect(latest).toMatchObject({ status: 'succeeded', versionId: v2.id });
      expect(latest.output).toEqual({ done: { a: 1, version: 2 } });
    });
    // Three retries from the failed step, one plain retry: `a` ran twice in all.
    expect(server.count('/a')).toBe(2);
    const original = await db.run.findFirstOrThrow({ where: { workflowId, retryOfId: null } });
    expect(await db.run.count({ where: { retryOfId: original.id } })).toBe(4);
  });

  it('runs again with an edited input, linked to the run it repeats', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Echo',
      nodes: [node('start', 'manual'), node('echo', 'set', { values: { n: '{{ input.n }}' } })],
      edges: [edge('start', 'echo')],
    });
    const first = await startRun(actor, workflowId, { n: 1 });
    const again = await retryRun(db, webRuntime(), actor, {
      id: first.runId,
      fromFailedStep: false,
      latestVersion: false,
      input: { n: 2 },
    });
    const run = await waitForRun(again.runId);
    expect(run).toMatchObject({ status: 'succeeded', retryOfId: first.runId, input: { n: 2 } });
    expect(run.output).toEqual({ echo: { n: 2 } });
  });

  it('refuses to retry a run that has not finished', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Sleeping',
      nodes: [node('start', 'manual'), node('wait', 'delay', { ms: 60_000 })],
      edges: [edge('start', 'wait')],
    });
    const { runId, status } = await startRun(actor, workflowId);
    expect(status).toBe('waiting');
    await expect(retry(runId, {})).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.run.count({ where: { retryOfId: runId } })).toBe(0);
  });
});
