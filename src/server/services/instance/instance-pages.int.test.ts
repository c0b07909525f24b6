import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { instanceAdmin } from '@/test/instance-admin';
import { ownerActor } from '@/test/runtime-fixtures';
import { instanceStatus, listInstanceAdmins } from './list-instance-admins';
import { listWorkspaceQuotas } from './list-workspace-quotas';
import { setWorkspaceQuotas } from './set-workspace-quotas';

describe("the instance admins' page", () => {
  it('lists every workspace with its quotas and usage, for instance admins only', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    await setWorkspaceQuotas(db, admin, {
      workspaceId: actor.workspaceId,
      runsPerMonth: null,
      activeRuns: 3,
      workflows: 7,
    });
    const { workspaces } = await listWorkspaceQuotas(db, admin);
    const row = workspaces.find((w) => w.workspaceId === actor.workspaceId);
    expect(row).toMatchObject({
      overrides: { activeRuns: 3, workflows: 7, runsPerMonth: null },
      usage: { workflows: 0, activeRuns: 0, quotas: { activeRuns: 3, workflows: 7 } },
    });
    await expect(listWorkspaceQuotas(db, actor.userId)).rejects.toThrow(/instance admin/);
    await expect(listInstanceAdmins(db, actor.userId)).rejects.toThrow(/instance admin/);
    expect(await instanceStatus(db, actor.userId)).toEqual({ instanceAdmin: false });
    expect(await instanceStatus(db, admin)).toEqual({ instanceAdmin: true });
    const admins = await listInstanceAdmins(db, admin);
    expect(admins.filter((a) => a.self)).toHaveLength(1);
  });
});
