import { PrismaAdapter } from '@auth/prisma-adapter';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '../db';
import { verifyPassword } from './password';
import { checkSessionToken } from './session-token';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(200),
});

class WrongCredentials extends CredentialsSignin {
  code = 'wrong_credentials';
}

/**
 * Email and password accounts (argon2id). Sessions are JWTs in an http-only cookie — the
 * Credentials provider requires it; the Prisma adapter keeps users and accounts in the
 * database for providers added later. AUTH_SECRET is read from the environment. Every
 * session read checks the token's session version against the user's (session-token.ts),
 * so ending a user's sessions takes effect at their next request.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(db),
  session: { strategy: 'jwt', maxAge: 7 * 24 * 3600 },
  trustHost: true,
  pages: { signIn: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new WrongCredentials();
        const user = await db.user.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true },
        });
        const ok =
          user?.passwordHash && (await verifyPassword(user.passwordHash, parsed.data.password));
        if (!user || !ok) throw new WrongCredentials();
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => checkSessionToken(db, token, user),
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sv === 'number') session.sessionVersion = token.sv;
      return session;
    },
  },
});

/** The signed-in user's id, or null. */
export async function currentUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}

/** The signed-in user and the session version their token carries, or null. */
export async function currentSession(): Promise<{ userId: string; sessionVersion: number } | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId || typeof session.sessionVersion !== 'number') return null;
  return { userId, sessionVersion: session.sessionVersion };
}
