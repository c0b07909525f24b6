import { createMember } from '../../services/members/create-member';
import { listMembers } from '../../services/members/list-members';
import {
  createMemberInput,
  removeMemberInput,
  updateMemberRoleInput,
} from '../../services/members/member-inputs';
import { removeMember } from '../../services/members/remove-member';
import { updateMemberRole } from '../../services/members/update-member-role';
import { actorOf, adminProcedure, createTRPCRouter, viewerProcedure } from '../trpc';

export const memberRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listMembers(ctx.db, actorOf(ctx))),
  create: adminProcedure
    .input(createMemberInput)
    .mutation(({ ctx, input }) => createMember(ctx.db, actorOf(ctx), input)),
  updateRole: adminProcedure
    .input(updateMemberRoleInput)
    .mutation(({ ctx, input }) => updateMemberRole(ctx.db, actorOf(ctx), input)),
  remove: adminProcedure
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.db, actorOf(ctx), input)),
});
