import { PrismaAdapter } from '@auth/prisma-adapter';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { recordSignIn, recordSignInFailure } from '../audit/record-sign-in';
import { db } from '../db';
import { logger } from '../logger';
import { authenticate } from './authenticate';
import { clientAddressOf } from './client-address';
import { checkSessionToken } from './session-token';
import { databaseOutage } from '../logger';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(200),
});

class WrongCredentials extends CredentialsSignin {
  code = 'wrong_credentials';
}

/** Too many attempts for the account or from the address: the sign-in form says so. */
class SignInThrottled extends CredentialsSignin {
  code = 'throttled';
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
  // A refused password is an answer, not a fault: logging each with its stack trace would
  // let a sign-in flood fill the log and slow the server down.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      logger.error({ err: error }, 'Sign-in failed');
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new WrongCredentials();
        const outcome = await authenticate(db, {
          ...parsed.data,
          address: clientAddressOf(request.headers),
        });
        const attempt = {
          email: parsed.data.email,
          clientAddress: clientAddressOf(request.headers) ?? null,
        };
        if (outcome.ok) {
          await recordSignIn(db, { ...attempt, userId: outcome.user.id, succeeded: true });
          return outcome.user;
        }
        // Throttled attempts are refused before any check and not recorded: a flood would
        // otherwise fill the trail, one chain lock per attempt.
        if (outcome.reason === 'throttled') throw new SignInThrottled();
        recordSignInFailure(db, attempt);
        throw new WrongCredentials();
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) =>
      checkSessionToken(db, token, user).catch((error: unknown) => {
        // While the database is unreachable a session is neither confirmed nor ended:
        // ending it would sign everyone out in an outage, and every request that needs the
        // database answers 503 meanwhile (server/http/database-unavailable.ts).
        if (databaseOutage().note(error)) return token;
        throw error;
      }),
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
