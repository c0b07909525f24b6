import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { setWorkspaceQuotas } from '@/server/services/instance/set-workspace-quotas';
import { handleWebhook } from '@/server/webhooks/handle-webhook';
import { instanceAdmin } from '@/test/instance-admin';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';

afterAll(closeRunListener);

describe('the one-statement webhook start', () => {
  it('takes the counted path when a quota was set while the webhook was cached', async () => {
    const admin = await instanceAdmin();
    const actor = await ownerActor();
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
    const { workflowId } = await publish(actor, {
      name: 'Cached hook',
      nodes: [node('hook', 'webhook', { path: 'cached', responseMode: 'immediate' })],
      edges: [],
    });
    const url = `http://localhost/api/hooks/${ws.slug}/cached`;
    const post = () => handleWebhook(new Request(url, { method: 'POST', body: '{}' }));
    // No quota yet: this start is the optimistic one, and the look-up is now cached.
    expect((await post()).status).toBe(202);
    for (const quota of [
      { runsPerMonth: 0, activeRuns: null },
      { runsPerMonth: null, activeRuns: null, storedBytes: 0 },
    ]) {
      await setWorkspaceQuotas(db, admin, {
        workspaceId: actor.workspaceId,
        storedBytes: null,
        ...quota,
      });
      const refused = await post();
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.message).toMatch(/Quota reached/);
      // Back to no quota: the next request caches the hook again.
      await setWorkspaceQuotas(db, admin, {
        workspaceId: actor.workspaceId,
        runsPerMonth: null,
        activeRuns: null,
        storedBytes: null,
      });
      expect((await post()).status).toBe(202);
    }
    expect(await db.run.count({ where: { workflowId } })).toBe(3);
  });
});
