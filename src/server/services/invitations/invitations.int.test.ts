import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/server/auth/password';
import { db } from '@/server/db';
import { callerFor, createMember, createUser, createWorkspace } from '@/test/fixtures';

let workspace: { id: string; slug: string; name: string };
let owner: ReturnType<typeof callerFor>;
let admin: ReturnType<typeof callerFor>;
const anonymous = callerFor(null, null);

beforeAll(async () => {
  workspace = await createWorkspace();
  owner = callerFor((await createMember(workspace.id, 'owner')).id, workspace.slug);
  admin = callerFor((await createMember(workspace.id, 'admin')).id, workspace.slug);
});

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

let n = 0;
const freshEmail = () => `invitee-${++n}-${Date.now()}@example.com`;

describe('invitations', () => {
  it('makes a single-use link whose token is stored only as a hash, expiring in 7 days', async () => {
    const email = freshEmail();
    const before = Date.now();
    const invitation = await admin.invitation.create({
      email: email.toUpperCase(),
      role: 'editor',
    });
    expect(invitation.email).toBe(email);
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(invitation.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(invitation.token);
    const days = (row.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    expect(await anonymous.invitation.preview({ token: invitation.token })).toMatchObject({
      workspaceName: workspace.name,
      email,
      role: 'editor',
    });

    const joined = await anonymous.invitation.acceptWithPassword({
      token: invitation.token,
      password: 'invitee-chose-this',
      name: 'Invitee',
    });
    expect(joined).toEqual({
      workspace: { slug: workspace.slug, name: workspace.name },
      role: 'editor',
      email,
    });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(await verifyPassword(user.passwordHash!, 'invitee-chose-this')).toBe(true);
    expect((await callerFor(user.id, workspace.slug).workspace.current()).role).toBe('editor');

    // Used up: the link opens nothing any more.
    expect(await codeOf(anonymous.invitation.preview({ token: invitation.token }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(
        anonymous.invitation.acceptWithPassword({
          token: invitation.token,
          password: 'another-password',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect((await owner.invitation.list()).find((i) => i.id === invitation.id)?.status).toBe(
      'accepted',
    );
    const actions = await db.auditEvent.findMany({
      where: { workspaceId: workspace.id, targetId: invitation.id },
      select: { action: true, actorId: true },
      orderBy: { id: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual(['invitation.created', 'invitation.accepted']);
    expect(actions[1]?.actorId).toBe(user.id);
  });

  it('is accepted once even when two people race with the link', async () => {
    const invitation = await admin.invitation.create({ email: freshEmail(), role: 'viewer' });
    const results = await Promise.all(
      [1, 2].map((i) =>
        codeOf(
          anonymous.invitation.acceptWithPassword({
            token: invitation.token,
            password: `racing-password-${i}`,
          }),
        ),
      ),
    );
    expect(results.sort()).toEqual(['NOT_FOUND', 'OK']);
    expect(
      await db.membership.count({
        where: { workspaceId: workspace.id, user: { email: invitation.email } },
      }),
    ).toBe(1);
  });

  it('stops working once expired or revoked', async () => {
    const expired = await admin.invitation.create({ email: freshEmail(), role: 'viewer' });
    await db.invitation.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await codeOf(anonymous.invitation.preview({ token: expired.token }))).toBe('NOT_FOUND');
    expect(
      await codeOf(
        anonymous.invitation.acceptWithPassword({
          token: expired.token,
          password: 'long-enough-1',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect((await admin.invitation.list()).find((i) => i.id === expired.id)?.status).toBe(
      'expired',
    );

    const revoked = await admin.invitation.create({ email: freshEmail(), role: 'viewer' });
    await admin.invitation.revoke({ invitationId: revoked.id });
    expect(
      await codeOf(
        anonymous.invitation.acceptWithPassword({
          token: revoked.token,
          password: 'long-enough-1',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(await codeOf(admin.invitation.revoke({ invitationId: revoked.id }))).toBe('CONFLICT');
    expect(await db.user.count({ where: { email: { in: [expired.email, revoked.email] } } })).toBe(
      0,
    );
    expect(
      await db.auditEvent.count({ where: { action: 'invitation.revoked', targetId: revoked.id } }),
    ).toBe(1);
  });

  it('a newer invitation for the same email replaces the pending one', async () => {
    const email = freshEmail();
    const first = await admin.invitation.create({ email, role: 'viewer' });
    await admin.invitation.create({ email, role: 'operator' });
    expect(await codeOf(anonymous.invitation.preview({ token: first.token }))).toBe('NOT_FOUND');
  });

  it('answers the same whether or not the email has an account, and never sets its password', async () => {
    const existing = await createUser(freshEmail());
    await db.user.update({
      where: { id: existing.id },
      data: { passwordHash: await hashPassword('their-own-password') },
    });
    const known = await admin.invitation.create({ email: existing.email, role: 'viewer' });
    const unknown = await admin.invitation.create({ email: freshEmail(), role: 'viewer' });
    const shape = (i: typeof known) => ({
      keys: Object.keys(i).sort(),
      role: i.role,
      tokenLength: i.token.length,
      expiresInMs: Math.round((i.expiresAt.getTime() - Date.now()) / 60_000),
    });
    expect(shape(known)).toEqual(shape(unknown));
    const listed = await admin.invitation.list();
    const statusOf = (id: string) => listed.find((i) => i.id === id)?.status;
    expect(statusOf(known.id)).toBe(statusOf(unknown.id));

    // The link cannot set the password of an existing account: its holder must sign in.
    expect(
      await codeOf(
        anonymous.invitation.acceptWithPassword({ token: known.token, password: 'taken-over-1' }),
      ),
    ).toBe('CONFLICT');
    const after = await db.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(await verifyPassword(after.passwordHash!, 'their-own-password')).toBe(true);

    // Signed in as someone else, the link is refused; signed in as the invitee, it joins.
    const someoneElse = await createUser(freshEmail());
    expect(
      await codeOf(callerFor(someoneElse.id, null).invitation.accept({ token: known.token })),
    ).toBe('FORBIDDEN');
    const joined = await callerFor(existing.id, null).invitation.accept({ token: known.token });
    expect(joined.workspace.slug).toBe(workspace.slug);
    expect((await callerFor(existing.id, workspace.slug).workspace.current()).role).toBe('viewer');
    expect(
      await codeOf(callerFor(existing.id, null).invitation.accept({ token: known.token })),
    ).toBe('NOT_FOUND');
  });

  it('nobody invites above their own role; only admins invite', async () => {
    expect(await codeOf(admin.invitation.create({ email: freshEmail(), role: 'owner' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(owner.invitation.create({ email: freshEmail(), role: 'owner' }))).toBe(
      'OK',
    );
    const editor = callerFor((await createMember(workspace.id, 'editor')).id, workspace.slug);
    expect(await codeOf(editor.invitation.create({ email: freshEmail(), role: 'viewer' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(editor.invitation.list())).toBe('FORBIDDEN');
    // An admin cannot revoke an owner's invitation either.
    const ownerInvite = await owner.invitation.create({ email: freshEmail(), role: 'owner' });
    expect(await codeOf(admin.invitation.revoke({ invitationId: ownerInvite.id }))).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses to invite a member, and bad input with the field named', async () => {
    const member = await createMember(workspace.id, 'viewer');
    expect(await codeOf(admin.invitation.create({ email: member.email, role: 'viewer' }))).toBe(
      'CONFLICT',
    );
    const bad = (await admin.invitation
      .create({ email: 'not-an-email', role: 'viewer' })
      .catch((e: unknown) => e)) as TRPCError;
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toContain('email');
    expect(
      await codeOf(
        anonymous.invitation.acceptWithPassword({ token: 'x'.repeat(43), password: 'short' }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('ids of another workspace are not found, and its invitations are not listed', async () => {
    const other = await createWorkspace();
    const otherAdmin = callerFor((await createMember(other.id, 'owner')).id, other.slug);
    const foreign = await otherAdmin.invitation.create({ email: freshEmail(), role: 'viewer' });
    expect(await codeOf(owner.invitation.revoke({ invitationId: foreign.id }))).toBe('NOT_FOUND');
    expect((await owner.invitation.list()).some((i) => i.id === foreign.id)).toBe(false);
    expect(await codeOf(anonymous.invitation.preview({ token: foreign.token }))).toBe('OK');
  });
});
