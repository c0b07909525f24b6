import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { metrics } from '@/server/metrics/metrics';
import { webRuntime } from '@/server/runtime/web-runtime';
import { retryRun } from '@/server/services/runs/retry-run';
import { setInstanceAdmin } from '@/server/services/instance/set-instance-admin';
import { setWorkspaceQuotas } from '@/server/services/instance/set-workspace-quotas';
import { handleWebhook } from '@/server/webhooks/handle-webhook';
import { createUser } from '@/test/fixtures';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';
import { quotaUsage } from './quota-usage';

afterAll(closeRunListener);

async function instanceAdmin() {
  const user = await createUser();
  await db.user.update({ where: { id: user.id }, data: { instanceAdmin: true } });
  return user.id;
}

async function pureWorkflow(name: string) {
  const actor = await ownerActor();
  const { workflowId } = await publish(actor, {
    name,
    nodes: [node('start', 'manual'), node('tag', 'set', { values: { ok: true } })],
    edges: [edge('start', 'tag')],
  });
  return { actor, workflowId };
}

describe('run quotas', () => {
  it('refuse the run past the runs per month, naming the quota', async () => {
    const admin = await instanceAdmin();
    const { actor, workflowId } = await pureWorkflow('Monthly');
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      runsPerMonth: 2,
      activeRuns: null,
    });
    await startRun(actor, workflowId);
    const second = await startRun(actor, workflowId);
    await expect(startRun(actor, workflowId)).rejects.toThrow(
      'Quota reached: runs per month (2) of this workspace',
    );
    // Retries count too.
    await expect(
      retryRun(db, webRuntime(), actor, {
        id: second.runId,
        fromFailedStep: false,
        latestVersion: false,
      }),
    ).rejects.toThrow(/runs per month/);
    expect(await db.run.count({ where: { workflowId } })).toBe(2);
    const refused = (await metrics().quotaRefused.get()).values;
    expect(refused.find((v) => v.labels.quota === 'runs per month')?.value).toBe(2);
    const usage = await quotaUsage(db, actor.workspaceId, new Date());
    expect(usage).toMatchObject({ runsThisMonth: 2, quotas: { runsPerMonth: 2 } });
    const audit = await db.auditEvent.findFirst({
      where: { workspaceId: actor.workspaceId, action: 'quota.updated' },
    });
    expect(audit?.actorId).toBe(admin);
  });

  it('refuse webhook runs past the quota with 429, even on the one-statement path', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
    await publish(actor, {
      name: 'Hook',
      nodes: [node('hook', 'webhook', { path: 'q' })],
      edges: [],
    });
    const url = `http://localhost/api/hooks/${ws.slug}/q`;
    const post = () => handleWebhook(new Request(url, { method: 'POST', body: '{}' }));
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      runsPerMonth: 1,
      activeRuns: null,
    });
    expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.message).toMatch(/runs per month \(1\)/);
  });

  it('refuse a run while the concurrently active runs are at the quota', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Slow',
      nodes: [node('start', 'manual'), node('wait', 'delay', { ms: 60_000 })],
      edges: [edge('start', 'wait')],
    });
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      runsPerMonth: null,
      activeRuns: 1,
    });
    await startRun(actor, workflowId);
    await expect(startRun(actor, workflowId)).rejects.toThrow(
      'Quota reached: concurrently active runs (1)',
    );
  });

  it('fail a child run past the quota with a clear error', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    const child = await publish(actor, {
      name: 'Child',
      nodes: [node('start', 'manual'), node('tag', 'set', { values: { ok: true } })],
      edges: [edge('start', 'tag')],
    });
    const { workflowId } = await publish(actor, {
      name: 'Parent',
      nodes: [
        node('start', 'manual'),
        node('call', 'subWorkflow', { workflowId: child.workflowId }),
      ],
      edges: [edge('start', 'call')],
    });
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      runsPerMonth: 1,
      activeRuns: null,
    });
    const { runId } = await startRun(actor, workflowId);
    const run = await withWorker(() => waitForRun(runId));
    expect(run.status).toBe('failed');
    expect(JSON.stringify(run.error)).toMatch(/runs per month \(1\)/);
  });

  it('are set by instance admins only, who may name others', async () => {
    const actor = await ownerActor();
    await expect(
      setWorkspaceQuotas(db, actor.userId, {
        workspaceId: actor.workspaceId,
        runsPerMonth: 5,
        activeRuns: null,
      }),
    ).rejects.toThrow(/instance admin/);
    const admin = await instanceAdmin();
    const owner = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
    await setInstanceAdmin(db, admin, { email: owner.email, admin: true });
    await expect(
      setWorkspaceQuotas(db, actor.userId, {
        workspaceId: actor.workspaceId,
        runsPerMonth: 5,
        activeRuns: null,
      }),
    ).resolves.toMatchObject({ runsPerMonth: 5 });
  });
});
