import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';

describe('workflow settings', () => {
  it('sets priority and a concurrency limit with its policy, and refuses bad values', async () => {
    const ws = await createWorkspace();
    const editor = callerFor((await createMember(ws.id, 'editor')).id, ws.slug);
    const wf = await editor.workflow.create({ name: 'Limited' });
    const updated = await editor.workflow.updateSettings({
      id: wf.id,
      priority: 5,
      concurrencyLimit: 2,
      concurrencyPolicy: 'skip',
    });
    expect(updated).toMatchObject({ priority: 5, concurrencyLimit: 2, concurrencyPolicy: 'skip' });
    expect(
      (await editor.workflow.updateSettings({ id: wf.id, concurrencyLimit: null }))
        .concurrencyLimit,
    ).toBeNull();
    const bad = await editor.workflow
      .updateSettings({ id: wf.id, concurrencyLimit: 0 })
      .catch((e: unknown) => e as TRPCError);
    expect(bad).toBeInstanceOf(TRPCError);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    expect((bad as TRPCError).message).toContain('concurrencyLimit');
  });
});
