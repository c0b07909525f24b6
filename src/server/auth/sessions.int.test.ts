import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';
import { handlers } from './config';
import { hashPassword } from './password';

const BASE = 'http://localhost:3000/api/auth';

function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, ...value] = pair!.split('=');
    jar.set(name!.trim(), value.join('='));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Signs in through Auth.js's own endpoints, as the browser does; returns the cookie jar. */
async function signIn(email: string, password: string) {
  const jar = new Map<string, string>();
  const csrf = await handlers.GET(new Request(`${BASE}/csrf`) as never);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await handlers.POST(
    new Request(`${BASE}/callback/credentials`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookieHeader(jar),
      },
      body: new URLSearchParams({ csrfToken, email, password }),
    }) as never,
  );
  cookiesOf(response, jar);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) {
    throw new Error(`Sign-in failed: ${response.status} ${response.headers.get('location')}`);
  }
  return jar;
}

/** The session one request with these cookies gets: the user's id, or null. */
async function sessionUser(jar: Map<string, string>): Promise<string | null> {
  const response = await handlers.GET(
    new Request(`${BASE}/session`, { headers: { cookie: cookieHeader(jar) } }) as never,
  );
  const body = (await response.json()) as { user?: { id?: string } } | null;
  return body?.user?.id ?? null;
}

async function account(role: 'owner' | 'viewer' = 'owner') {
  const workspace = await createWorkspace();
  const user = await createMember(workspace.id, role);
  await db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword('first-password-1') },
  });
  return { user, workspace, jar: await signIn(user.email, 'first-password-1') };
}

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe('revocable sessions', () => {
  it('a password change ends every session at its next request; the new password signs in', async () => {
    const { user, workspace, jar } = await account();
    const other = await signIn(user.email, 'first-password-1');
    expect(await sessionUser(jar)).toBe(user.id);
    expect(await sessionUser(other)).toBe(user.id);

    const me = callerFor(user.id, null);
    expect(
      await codeOf(
        me.account.changePassword({
          currentPassword: 'wrong-password',
          newPassword: 'second-password-2',
        }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await sessionUser(jar)).toBe(user.id);

    await me.account.changePassword({
      currentPassword: 'first-password-1',
      newPassword: 'second-password-2',
    });
    expect(await sessionUser(jar)).toBeNull();
    expect(await sessionUser(other)).toBeNull();
    await expect(signIn(user.email, 'first-password-1')).rejects.toThrow('Sign-in failed');
    expect(await sessionUser(await signIn(user.email, 'second-password-2'))).toBe(user.id);
    expect(
      await db.auditEvent.count({
        where: { workspaceId: workspace.id, action: 'account.password_changed', actorId: user.id },
      }),
    ).toBe(1);
  });

  it('wrong current passwords count against the account’s limit: guessing stops', async () => {
    const { user } = await account();
    const me = callerFor(user.id, null);
    const attempt = (currentPassword: string) =>
      codeOf(me.account.changePassword({ currentPassword, newPassword: 'second-password-2' }));
    for (let i = 0; i < 5; i++) expect(await attempt(`wrong-${i}`)).toBe('BAD_REQUEST');
    // Past the limit even the right password is refused until the lock-out ends.
    expect(await attempt('first-password-1')).toBe('TOO_MANY_REQUESTS');
  });

  it('sign out everywhere ends every session, and is recorded in each of the user’s workspaces', async () => {
    const { user, workspace, jar } = await account();
    const second = await createWorkspace();
    await db.membership.create({
      data: { workspaceId: second.id, userId: user.id, role: 'viewer' },
    });
    expect(await sessionUser(jar)).toBe(user.id);
    await callerFor(user.id, null).account.signOutEverywhere();
    expect(await sessionUser(jar)).toBeNull();
    for (const ws of [workspace, second]) {
      expect(
        await db.auditEvent.count({
          where: { workspaceId: ws.id, action: 'account.signed_out_everywhere' },
        }),
      ).toBe(1);
    }
    expect(await codeOf(callerFor(null, null).account.signOutEverywhere())).toBe('UNAUTHORIZED');
  });

  it('removal from the last workspace ends the sessions; an owner can end a member’s sessions', async () => {
    const { user, workspace, jar } = await account('viewer');
    const owner = callerFor((await createMember(workspace.id, 'owner')).id, workspace.slug);
    const membership = (await owner.member.list()).find((m) => m.userId === user.id)!;
    await owner.member.revokeSessions({ membershipId: membership.id });
    expect(await sessionUser(jar)).toBeNull();

    const again = await signIn(user.email, 'first-password-1');
    expect(await sessionUser(again)).toBe(user.id);
    await owner.member.remove({ membershipId: membership.id });
    expect(await sessionUser(again)).toBeNull();
  });

  it('a token without a session version (issued before versions existed) is refused', async () => {
    const { user, jar } = await account();
    const { encode } = await import('next-auth/jwt');
    const [name] = [...jar.keys()].filter((k) => k.includes('session-token'));
    const legacy = await encode({
      token: { sub: user.id, email: user.email },
      secret: process.env.AUTH_SECRET!,
      salt: name!,
    });
    expect(await sessionUser(new Map([[name!, legacy]]))).toBeNull();
  });
});
