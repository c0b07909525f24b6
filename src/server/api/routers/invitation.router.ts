import { acceptInvitation } from '../../services/invitations/accept-invitation';
import { acceptInvitationWithPassword } from '../../services/invitations/accept-invitation-with-password';
import { createInvitation } from '../../services/invitations/create-invitation';
import {
  acceptWithPasswordInput,
  createInvitationInput,
  invitationTokenInput,
  revokeInvitationInput,
} from '../../services/invitations/invitation-inputs';
import { listInvitations } from '../../services/invitations/list-invitations';
import { previewInvitation } from '../../services/invitations/preview-invitation';
import { revokeInvitation } from '../../services/invitations/revoke-invitation';
import {
  actorOf,
  adminProcedure,
  authedProcedure,
  createTRPCRouter,
  publicProcedure,
} from '../trpc';

export const invitationRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listInvitations(ctx.db, actorOf(ctx))),
  create: adminProcedure
    .input(createInvitationInput)
    .mutation(({ ctx, input }) => createInvitation(ctx.db, actorOf(ctx), input)),
  revoke: adminProcedure
    .input(revokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, actorOf(ctx), input)),
  /** The link itself is the credential: whoever holds it may see what it invites to. */
  preview: publicProcedure
    .input(invitationTokenInput)
    .query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),
  /** Joins with the signed-in account. */
  accept: authedProcedure
    .input(invitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.userId, input.token)),
  /** Creates the invitee's account with the password they choose, and joins. */
  acceptWithPassword: publicProcedure
    .input(acceptWithPasswordInput)
    .mutation(({ ctx, input }) => acceptInvitationWithPassword(ctx.db, input)),
});
