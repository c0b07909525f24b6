import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';
import { startTestServer, type TestServer } from '@/test/test-http-server';
import type { Actor } from '../actor';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { saveDraft } from '../workflows/save-draft';
import { complianceReport, exportComplianceCsv } from './compliance-report';
import { getCompliancePolicy } from './get-compliance-policy';
import { grantPolicyException, revokePolicyException } from './grant-policy-exception';
import { assertDatabaseHostAllowed } from './host-policy';
import { setCompliancePolicy } from './set-compliance-policy';

// HTTP steps refuse loopback unless allowed; the worker's port reads this lazily.
process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(() => ({ body: { ok: true } }));
});
afterAll(async () => {
  await server.close();
  await closeRunListener();
});

async function draft(actor: Actor, name: string, url: string, extra: Record<string, unknown> = {}) {
  const workflow = await createWorkflow(db, actor, { name });
  await saveDraft(db, actor, {
    id: workflow.id,
    definition: {
      schemaVersion: 1,
      name,
      nodes: [node('start', 'manual'), node('call', 'http', { url }, extra)],
      edges: [edge('start', 'call')],
    },
    revision: 0,
  });
  return workflow.id;
}

const actions = async (workspaceId: string) =>
  (await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } })).map(
    (e) => e.action,
  );

describe('compliance policies', () => {
  it('refuse publishing a call to a host outside the allowed ones, naming step and rule', async () => {
    const actor = await ownerActor();
    await setCompliancePolicy(db, actor, { policy: { allowedHttpHosts: ['*.example.com'] } });
    const id = await draft(actor, 'Elsewhere', 'https://evil.test/hook');
    await expect(publishWorkflow(db, actor, { id, message: '' })).rejects.toThrow(
      /nodes\[1\]\.params\.url: step "call" calls evil\.test.*\(policy rule allowedHttpHosts\)/,
    );
    expect(await db.workflowVersion.count({ where: { workflowId: id } })).toBe(0);
    expect(await actions(actor.workspaceId)).toEqual(
      expect.arrayContaining(['policy.updated', 'policy.publish_refused']),
    );

    const fine = await draft(actor, 'Allowed', 'https://api.example.com/x');
    await expect(publishWorkflow(db, actor, { id: fine, message: '' })).resolves.toBeTruthy();
  });

  it('let an admin grant a recorded exception per workflow, and take it back', async () => {
    const actor = await ownerActor();
    await setCompliancePolicy(db, actor, { policy: { forbiddenStepTypes: ['http'] } });
    const id = await draft(actor, 'Exempt', 'https://x.test/');
    await expect(publishWorkflow(db, actor, { id, message: '' })).rejects.toThrow(
      /forbiddenStepTypes/,
    );
    await grantPolicyException(db, actor, {
      workflowId: id,
      rule: 'forbiddenStepTypes',
      reason: 'legacy integration',
    });
    await expect(publishWorkflow(db, actor, { id, message: '' })).resolves.toBeTruthy();
    const { exceptions } = await getCompliancePolicy(db, actor);
    expect(exceptions).toEqual([
      expect.objectContaining({
        workflowId: id,
        rule: 'forbiddenStepTypes',
        reason: 'legacy integration',
      }),
    ]);
    await revokePolicyException(db, actor, { workflowId: id, rule: 'forbiddenStepTypes' });
    await expect(publishWorkflow(db, actor, { id, message: '' })).rejects.toThrow(
      /forbiddenStepTypes/,
    );
    expect(await actions(actor.workspaceId)).toEqual(
      expect.arrayContaining(['policy.exception_granted', 'policy.exception_revoked']),
    );
  });

  it('refuse an editor changing the policy', async () => {
    const actor = await ownerActor();
    const editor: Actor = { ...actor, role: 'editor' };
    await expect(
      setCompliancePolicy(db, editor, { policy: { allowedHttpHosts: [] } }),
    ).rejects.toThrow(/admin/);
  });

  it('fail an HTTP step to a host no longer allowed, whatever the published version says', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Published earlier',
      nodes: [node('start', 'manual'), node('call', 'http', { url: `${server.url}/x` })],
      edges: [edge('start', 'call')],
    });
    await setCompliancePolicy(db, actor, { policy: { allowedHttpHosts: ['api.example.com'] } });
    const before = server.count('/x');
    const { runId } = await startRun(actor, workflowId);
    const run = await withWorker(() => waitForRun(runId));
    expect(run.status).toBe('failed');
    expect(JSON.stringify(run.error)).toMatch(/127\.0\.0\.1 is not an allowed HTTP host/);
    expect(server.count('/x')).toBe(before);

    await setCompliancePolicy(db, actor, { policy: { allowedHttpHosts: ['127.0.0.1'] } });
    const again = await startRun(actor, workflowId);
    expect((await withWorker(() => waitForRun(again.runId))).status).toBe('succeeded');
  });

  it('refuse database hosts outside the allowed ones through the database-step hook', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Db',
      nodes: [node('s', 'manual')],
      edges: [],
    });
    await expect(
      assertDatabaseHostAllowed(db, workflowId, 'db.evil.test'),
    ).resolves.toBeUndefined();
    await setCompliancePolicy(db, actor, { policy: { allowedDatabaseHosts: ['*.corp.internal'] } });
    await expect(assertDatabaseHostAllowed(db, workflowId, 'db.evil.test')).rejects.toThrow(
      /db\.evil\.test is not an allowed database host/,
    );
    await expect(
      assertDatabaseHostAllowed(db, workflowId, 'pg.corp.internal'),
    ).resolves.toBeUndefined();
  });

  it('require passing tests when the policy sets a minimum coverage', async () => {
    const actor = await ownerActor();
    await setCompliancePolicy(db, actor, { policy: { minTestCoverage: 50 } });
    const id = await draft(actor, 'Untested', 'https://x.test/');
    await expect(publishWorkflow(db, actor, { id, message: '' })).rejects.toThrow(
      /requires passing tests and has none/,
    );
  });

  it('report every workflow and its status, as CSV too', async () => {
    const actor = await ownerActor();
    await draft(actor, 'Bad', 'https://evil.test/');
    await draft(actor, 'Good', 'https://ok.test/');
    await setCompliancePolicy(db, actor, { policy: { allowedHttpHosts: ['ok.test'] } });
    const rows = await complianceReport(db, actor);
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['Bad', 'violations'],
      ['Good', 'compliant'],
    ]);
    const { csv } = await exportComplianceCsv(db, actor);
    expect(csv.split('\r\n')[0]).toBe(
      'workflow,workflow_id,published_version,status,violations,exceptions',
    );
    expect(csv).toContain(',draft,violations,"allowedHttpHosts: step ""call"" calls evil.test');
  });
});
