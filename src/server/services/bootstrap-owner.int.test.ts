import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { db } from '../db';
import { bootstrapOwner } from './bootstrap-owner';

describe('bootstrapOwner', () => {
  it('creates the owner and default workspace once, with a generated password', async () => {
    const first = await bootstrapOwner(db, { email: 'Boss@Example.com' });
    expect(first.created).toBe(true);
    expect(first.email).toBe('boss@example.com');
    const user = await db.user.findUniqueOrThrow({
      where: { email: 'boss@example.com' },
      include: { memberships: { include: { workspace: true } } },
    });
    expect(await verifyPassword(user.passwordHash!, first.generatedPassword!)).toBe(true);
    expect(user.memberships.map((m) => [m.role, m.workspace.slug])).toEqual([['owner', 'default']]);

    const second = await bootstrapOwner(db, {
      email: 'other@example.com',
      password: 'x'.repeat(12),
    });
    expect(second.created).toBe(false);
    expect(await db.user.count()).toBe(1);
  });
});
