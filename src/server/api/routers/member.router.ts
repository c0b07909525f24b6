import { listMembers } from '../../services/members/list-members';
import { removeMemberInput, updateMemberRoleInput } from '../../services/members/member-inputs';
import { removeMember } from '../../services/members/remove-member';
import { revokeMemberSessions } from '../../services/members/revoke-member-sessions';
import { updateMemberRole } from '../../services/members/update-member-role';
import {
  actorOf,
  adminProcedure,
  createTRPCRouter,
  ownerProcedure,
  viewerProcedure,
} from '../trpc';

export const memberRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listMembers(ctx.db, actorOf(ctx))),
  updateRole: adminProcedure
    .input(updateMemberRoleInput)
    .mutation(({ ctx, input }) => updateMemberRole(ctx.db, actorOf(ctx), input)),
  remove: adminProcedure
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.db, actorOf(ctx), input)),
  revokeSessions: ownerProcedure
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => revokeMemberSessions(ctx.db, actorOf(ctx), input)),
});
