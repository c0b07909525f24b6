import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { setWorkspaceQuotas } from '@/server/services/instance/set-workspace-quotas';
import { createWorkflow } from '@/server/services/workflows/create-workflow';
import { instanceAdmin } from '@/test/instance-admin';
import { ownerActor } from '@/test/runtime-fixtures';
import { registerQuotaGauges } from './quota-gauges';

describe('quota gauges', () => {
  it('show each quota of a workspace with quotas next to its usage', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    const unlimited = await ownerActor();
    const { slug } = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
    const other = await db.workspace.findUniqueOrThrow({ where: { id: unlimited.workspaceId } });
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      runsPerMonth: 100,
      activeRuns: null,
      workflows: 5,
    });
    await createWorkflow(db, actor, { name: 'One' });
    await createWorkflow(db, actor, { name: 'Two' });
    const registry = new Registry();
    registerQuotaGauges(registry, () => ({
      query: async (text) => ({ rows: await db.$queryRawUnsafe<unknown[]>(text) }),
    }));
    const text = await registry.metrics();
    expect(text).toContain(
      `miniflow_workspace_quota_limit{workspace="${slug}",quota="workflows"} 5`,
    );
    expect(text).toContain(
      `miniflow_workspace_quota_usage{workspace="${slug}",quota="workflows"} 2`,
    );
    expect(text).toContain(
      `miniflow_workspace_quota_limit{workspace="${slug}",quota="runs_per_month"} 100`,
    );
    expect(text).not.toContain(`quota_limit{workspace="${slug}",quota="active_runs"}`);
    expect(text).not.toContain(`workspace="${other.slug}"`);
  });
});
