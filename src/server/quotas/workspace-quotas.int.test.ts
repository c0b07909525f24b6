import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { pruneRunData } from '@/server/retention/prune-run-data';
import { setWorkspaceQuotas } from '@/server/services/instance/set-workspace-quotas';
import { createWorkflow } from '@/server/services/workflows/create-workflow';
import { publishWorkflow } from '@/server/services/workflows/publish-workflow';
import { saveDraft } from '@/server/services/workflows/save-draft';
import { instanceAdmin } from '@/test/instance-admin';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { quotaUsage } from './quota-usage';

afterAll(closeRunListener);

const noRunQuotas = { runsPerMonth: null, activeRuns: null };

const cronDraft = (name: string, expression: string) => ({
  schemaVersion: 1 as const,
  name,
  nodes: [node('tick', 'cron', { expression }), node('work', 'set', { values: { ok: true } })],
  edges: [edge('tick', 'work')],
});

describe('workspace quotas', () => {
  it('refuse a workflow past the workflows quota, naming it, and create nothing', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      ...noRunQuotas,
      workflows: 2,
    });
    await createWorkflow(db, actor, { name: 'One' });
    await createWorkflow(db, actor, { name: 'Two' });
    await expect(createWorkflow(db, actor, { name: 'Three' })).rejects.toThrow(
      'Quota reached: workflows (2) of this workspace',
    );
    expect(await db.workflow.count({ where: { workspaceId: actor.workspaceId } })).toBe(2);
    const usage = await quotaUsage(db, actor.workspaceId, new Date());
    expect(usage).toMatchObject({ workflows: 2, quotas: { workflows: 2 } });
  });

  it('let concurrent creations take the last place once only', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      ...noRunQuotas,
      workflows: 1,
    });
    const results = await Promise.allSettled(
      ['A', 'B', 'C'].map((name) => createWorkflow(db, actor, { name })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.workflow.count({ where: { workspaceId: actor.workspaceId } })).toBe(1);
  });

  it('refuse publishing a schedule under a minute past the quota, publishing nothing', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      ...noRunQuotas,
      fastSchedules: 1,
    });
    const fast = await publish(actor, cronDraft('Every 10 s', '*/10 * * * * *'));
    const other = await createWorkflow(db, actor, { name: 'Every 30 s' });
    await saveDraft(db, actor, {
      id: other.id,
      definition: cronDraft('Every 30 s', '*/30 * * * * *'),
      revision: 0,
    });
    await expect(publishWorkflow(db, actor, { id: other.id, message: '' })).rejects.toThrow(
      'Quota reached: schedules with a period under a minute (1) of this workspace',
    );
    expect(await db.schedule.count({ where: { workflowId: other.id } })).toBe(0);
    expect(await db.workflowVersion.count({ where: { workflowId: other.id } })).toBe(0);
    // Once a minute is not under a minute; the fast workflow may republish its own.
    await saveDraft(db, actor, {
      id: other.id,
      definition: cronDraft('Every 30 s', '0 * * * * *'),
      revision: 1,
    });
    await publishWorkflow(db, actor, { id: other.id, message: '' });
    await publishWorkflow(db, actor, { id: fast.workflowId, message: 'again' });
    const usage = await quotaUsage(db, actor.workspaceId, new Date());
    expect(usage).toMatchObject({ fastSchedules: 1, quotas: { fastSchedules: 1 } });
  });

  it('refuse new runs once the stored run data reaches its quota', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Pure',
      nodes: [node('start', 'manual'), node('tag', 'set', { values: { ok: true } })],
      edges: [edge('start', 'tag')],
    });
    await startRun(actor, workflowId);
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      ...noRunQuotas,
      storedBytes: 1_000_000_000,
    });
    const first = await quotaUsage(db, actor.workspaceId, new Date());
    expect(first.storedBytes).toBeGreaterThan(0);
    expect(first.storedBytesAt).not.toBeNull();
    await startRun(actor, workflowId);
    await startRun(actor, workflowId);
    // The background refresh (with retention) brings the estimate up to date.
    const outcome = await pruneRunData(db, { now: new Date() });
    expect(outcome.storedBytesEstimated).toBeGreaterThanOrEqual(1);
    const second = await quotaUsage(db, actor.workspaceId, new Date());
    expect(second.storedBytes).toBeGreaterThan(first.storedBytes);
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      ...noRunQuotas,
      storedBytes: second.storedBytes,
    });
    await expect(startRun(actor, workflowId)).rejects.toThrow(
      `Quota reached: stored run data in bytes (${second.storedBytes}) of this workspace`,
    );
    expect(await db.run.count({ where: { workflowId } })).toBe(3);
  });
});
