import type { JWT } from '@auth/core/jwt';
import type { DbTx } from '../db';
import { isSessionCurrent } from './sessions';

declare module '@auth/core/types' {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}

/**
 * The `jwt` callback of Auth.js, run at sign-in (with `user`) and on every request that
 * reads the session. At sign-in the token takes the user's session version; afterwards it
 * is checked against the database, and a token whose version is no longer current is
 * refused (null ends the session and clears its cookie where the response can).
 */
export async function checkSessionToken(
  db: DbTx,
  token: JWT,
  user?: { id?: string; sessionVersion?: number },
): Promise<JWT | null> {
  if (user?.id && typeof user.sessionVersion === 'number') {
    return { ...token, sub: user.id, sv: user.sessionVersion };
  }
  if (!token.sub || typeof token.sv !== 'number') return null;
  return (await isSessionCurrent(db, token.sub, token.sv)) ? token : null;
}
