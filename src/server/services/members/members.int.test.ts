import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
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

  it("removal from the last workspace ends the user's sessions; from one of several, not", async () => {
    const other = await createWorkspace();
    const both = await createMember(other.id, 'viewer');
    await db.membership.create({
      data: {
        workspaceId: (await db.workspace.findUniqueOrThrow({ where: { slug } })).id,
        userId: both.id,
        role: 'viewer',
      },
    });
    const only = await createMember(other.id, 'viewer');
    const otherOwner = callerFor((await createMember(other.id, 'owner')).id, other.slug);
    const rows = await otherOwner.member.list();
    const version = async (id: string) =>
      (await db.user.findUniqueOrThrow({ where: { id } })).sessionVersion;
    await otherOwner.member.remove({ membershipId: rows.find((m) => m.userId === both.id)!.id });
    expect(await version(both.id)).toBe(0);
    await otherOwner.member.remove({ membershipId: rows.find((m) => m.userId === only.id)!.id });
    expect(await version(only.id)).toBe(1);
  });

  it("an owner ends a member's sessions; an admin may not; another workspace's member is not found", async () => {
    const target = (await admin.member.list()).find((m) => m.role === 'admin')!;
    expect(await codeOf(admin.member.revokeSessions({ membershipId: target.id }))).toBe(
      'FORBIDDEN',
    );
    const before = (await db.user.findUniqueOrThrow({ where: { id: target.userId } }))
      .sessionVersion;
    await owner.member.revokeSessions({ membershipId: target.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.userId } })).sessionVersion).toBe(
      before + 1,
    );
    const other = await createWorkspace();
    const stranger = await createMember(other.id, 'viewer');
    const foreign = await db.membership.findFirstOrThrow({ where: { userId: stranger.id } });
    expect(await codeOf(owner.member.revokeSessions({ membershipId: foreign.id }))).toBe(
      'NOT_FOUND',
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: stranger.id } })).sessionVersion).toBe(
      0,
    );
  });
});
