import { changePasswordInput } from '../../services/account/account-inputs';
import { changePassword } from '../../services/account/change-password';
import { signOutEverywhere } from '../../services/account/sign-out-everywhere';
import { authedProcedure, createTRPCRouter } from '../trpc';

/** The caller's own account: open to any signed-in user, about no workspace. */
export const accountRouter = createTRPCRouter({
  changePassword: authedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.userId, input)),
  signOutEverywhere: authedProcedure.mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx.userId)),
});
