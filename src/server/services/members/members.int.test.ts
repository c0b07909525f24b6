import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/server/auth/password';
import { db } from '@/server/db';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';

let slug: string;
let owner: ReturnType<typeof callerFor>;
let admin: ReturnType<typeof callerFor>;

beforeAll(async () => {
  const ws = await createWorkspace();
  slug = ws.slug;
  owner = callerFor((await createMember(ws.id, 'owner')).id, slug);
  admin = callerFor((await createMember(ws.id, 'admin')).id, slug);
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: unknown) => (e instanceof TRPCError ? e.code : 'UNEXPECTED'),
  );

describe('members', () => {
  it('an admin adds a member who can then sign in with the given password', async () => {
    await admin.member.create({
      email: 'New.Person@Example.com',
      password: 'a-long-password',
      role: 'editor',
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: 'new.person@example.com' } });
    expect(await verifyPassword(user.passwordHash!, 'a-long-password')).toBe(true);
    const list = await owner.member.list();
    expect(list.find((m) => m.email === 'new.person@example.com')?.role).toBe('editor');
    const callerAsNew = callerFor(user.id, slug);
    expect((await callerAsNew.workspace.current()).role).toBe('editor');
  });

  it('nobody grants more than they have; only owners make owners', async () => {
    expect(
      await codeOf(
        admin.member.create({
          email: 'x1@example.com',
          password: 'a-long-password',
          role: 'owner',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(
        owner.member.create({
          email: 'x2@example.com',
          password: 'a-long-password',
          role: 'owner',
        }),
      ),
    ).toBe('OK');
  });

  it('refuses bad input with the field named', async () => {
    const error = await admin.member
      .create({ email: 'not-an-email', password: 'short', role: 'viewer' })
      .catch((e: unknown) => e as TRPCError);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    const bad = await codeOf(
      admin.member.create({
        email: 'ok@example.com',
        password: 'a-long-password',
        role: 'king' as 'viewer',
      }),
    );
    expect(bad).toBe('BAD_REQUEST');
  });

  it('keeps at least one owner', async () => {
    const ws = await createWorkspace();
    const soleOwner = await createMember(ws.id, 'owner');
    const caller = callerFor(soleOwner.id, ws.slug);
    const [me] = await caller.member.list();
    expect(await codeOf(caller.member.updateRole({ membershipId: me!.id, role: 'admin' }))).toBe(
      'CONFLICT',
    );
    expect(await codeOf(caller.member.remove({ membershipId: me!.id }))).toBe('CONFLICT');
    expect((await caller.member.list())[0]?.role).toBe('owner');
  });

  it('an admin cannot demote or remove an owner', async () => {
    const ownerRow = (await admin.member.list()).find((m) => m.role === 'owner')!;
    expect(
      await codeOf(admin.member.updateRole({ membershipId: ownerRow.id, role: 'viewer' })),
    ).toBe('FORBIDDEN');
    expect(await codeOf(admin.member.remove({ membershipId: ownerRow.id }))).toBe('FORBIDDEN');
  });

  it('cannot touch memberships of another workspace', async () => {
    const other = await createWorkspace();
    const stranger = await createMember(other.id, 'viewer');
    const membership = await db.membership.findFirstOrThrow({ where: { userId: stranger.id } });
    expect(await codeOf(owner.member.remove({ membershipId: membership.id }))).toBe('NOT_FOUND');
  });
});
