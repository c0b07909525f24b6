import { PrismaAdapter } from '@auth/prisma-adapter';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { clientAddressOf } from './client-address';
import { recordSignIn, recordSignInFailure } from '../audit/record-sign-in';
import { db } from '../db';
import { verifyPassword } from './password';

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
 * database for providers added later. AUTH_SECRET is read from the environment.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(db),
  session: { strategy: 'jwt', maxAge: 7 * 24 * 3600 },
  trustHost: true,
  pages: { signIn: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new WrongCredentials();
        const user = await db.user.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, email: true, name: true, passwordHash: true },
        });
        const ok =
          user?.passwordHash && (await verifyPassword(user.passwordHash, parsed.data.password));
        const attempt = {
          email: parsed.data.email,
          clientAddress: clientAddressOf(request.headers) ?? null,
        };
        if (!user || !ok) {
          recordSignInFailure(db, attempt);
          throw new WrongCredentials();
        }
        await recordSignIn(db, { ...attempt, userId: user.id, succeeded: true });
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

/** The signed-in user's id, or null. */
export async function currentUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}
