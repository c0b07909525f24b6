import type { Db } from '../../db';
import { lockPendingInvitation } from './invitation-token';

/** What the invitee sees before joining: the workspace, the role and the invited email. */
export async function previewInvitation(db: Db, token: string) {
  return db.$transaction(async (tx) => {
    const invitation = await lockPendingInvitation(tx, token);
    return {
      workspaceName: invitation.workspace.name,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
    };
  });
}
