import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { handleWebhook } from '@/server/webhooks/handle-webhook';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';
import { getWorkspaceLimits, setWorkspaceLimits } from './workspace-limits';

afterAll(closeRunListener);

describe('workspace limits', () => {
  it('let an admin set the webhook default and the retention, audited and in force', async () => {
    const actor = await ownerActor();
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
    await publish(actor, {
      name: 'Hook',
      nodes: [node('hook', 'webhook', { path: 'l' })],
      edges: [],
    });
    await setWorkspaceLimits(db, actor, {
      hookRateLimit: { perSecond: 0.01, burst: 1 },
      allHooksRateLimit: null,
      retentionDays: 7,
    });
    const limits = await getWorkspaceLimits(db, { ...actor, role: 'viewer' });
    expect(limits).toMatchObject({
      hookRateLimit: { perSecond: 0.01, burst: 1 },
      allHooksRateLimit: null,
      retentionDays: 7,
      usage: { runsThisMonth: 0, activeRuns: 0 },
    });
    const post = () =>
      handleWebhook(
        new Request(`http://localhost/api/hooks/${ws.slug}/l`, { method: 'POST', body: '{}' }),
      );
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(429);
    const audit = await db.auditEvent.findFirst({
      where: { workspaceId: actor.workspaceId, action: 'limits.updated' },
    });
    expect(audit).not.toBeNull();
    await expect(
      setWorkspaceLimits(
        db,
        { ...actor, role: 'editor' },
        {
          hookRateLimit: null,
          allHooksRateLimit: null,
          retentionDays: 1,
        },
      ),
    ).rejects.toThrow(/admin/);
  });
});
