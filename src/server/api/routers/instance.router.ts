import { setInstanceAdminInput, setQuotasInput } from '../../services/instance/instance-inputs';
import { setInstanceAdmin } from '../../services/instance/set-instance-admin';
import { setWorkspaceQuotas } from '../../services/instance/set-workspace-quotas';
import { authedProcedure, createTRPCRouter } from '../trpc';

/** The installation's own settings: quotas per workspace and who its admins are. */
export const instanceRouter = createTRPCRouter({
  setQuotas: authedProcedure
    .input(setQuotasInput)
    .mutation(({ ctx, input }) => setWorkspaceQuotas(ctx.db, ctx.userId, input)),
  setAdmin: authedProcedure
    .input(setInstanceAdminInput)
    .mutation(({ ctx, input }) => setInstanceAdmin(ctx.db, ctx.userId, input)),
});
