import { endSessions } from '../../auth/sessions';
import type { Db } from '../../db';
import { recordAccountAudit } from './record-account-audit';

/** Ends every session of the caller, on every device, this one included. */
export async function signOutEverywhere(db: Db, userId: string) {
  await db.$transaction(async (tx) => {
    await endSessions(tx, userId);
    await recordAccountAudit(tx, userId, 'account.signed_out_everywhere');
  });
  return { signedOut: true };
}
