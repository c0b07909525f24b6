import { callerFor, createMember, createWorkspace } from '@/test/fixtures';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { db } from '../db';
import { uniqueConflict } from './unique-conflict';

describe('uniqueConflict', () => {
  it('turns the unique violation of a concurrent write into a CONFLICT naming the fields', async () => {
    const workspace = await db.workspace.create({ data: { slug: 'unique-race', name: 'Race' } });
    const user = await db.user.create({ data: { email: 'unique-race@example.com' } });
    const member = { workspaceId: workspace.id, userId: user.id, role: 'editor' as const };
    const results = await Promise.allSettled([
      db.membership.create({ data: member }),
      db.membership.create({ data: member }),
    ]);
    const failed = results.find((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const conflict = uniqueConflict((failed as PromiseRejectedResult).reason);
    expect(conflict).toBeInstanceOf(AppError);
    expect(conflict?.code).toBe('CONFLICT');
    expect(conflict?.message).toBe(
      'workspaceId, userId: a membership with these values already exists; another request made it at the same moment',
    );
  });

  it('leaves every other error alone', () => {
    expect(uniqueConflict(new Error('boom'))).toBeUndefined();
    expect(uniqueConflict({ code: 'P2025' })).toBeUndefined();
    expect(uniqueConflict(undefined)).toBeUndefined();
  });
});

describe('a race through the API', () => {
  it('answers CONFLICT, never an internal error, when two requests create the same name at once', async () => {
    const workspace = await createWorkspace();
    const editor = callerFor((await createMember(workspace.id, 'editor')).id, workspace.slug);
    for (let i = 0; i < 5; i++) {
      const results = await Promise.allSettled(
        [0, 1, 2].map(() => editor.workflow.create({ name: `Same name ${i}` })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') {
          expect((result.reason as { code: string }).code).toBe('CONFLICT');
        }
      }
    }
  });
});
