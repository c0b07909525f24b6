import { setInstanceAdminInput, setQuotasInput } from '../../services/instance/instance-inputs';
import { instanceStatus, listInstanceAdmins } from '../../services/instance/list-instance-admins';
import { listWorkspaceQuotas } from '../../services/instance/list-workspace-quotas';
import { setInstanceAdmin } from '../../services/instance/set-instance-admin';
import { setWorkspaceQuotas } from '../../services/instance/set-workspace-quotas';
import { authedProcedure, createTRPCRouter } from '../trpc';

/** The installation's own settings: quotas per workspace and who its admins are. */
export const instanceRouter = createTRPCRouter({
  status: authedProcedure.query(({ ctx }) => instanceStatus(ctx.db, ctx.userId)),
  workspaces: authedProcedure.query(({ ctx }) => listWorkspaceQuotas(ctx.db, ctx.userId)),
  admins: authedProcedure.query(({ ctx }) => listInstanceAdmins(ctx.db, ctx.userId)),
  setQuotas: authedProcedure
    .input(setQuotasInput)
    .mutation(({ ctx, input }) => setWorkspaceQuotas(ctx.db, ctx.userId, input)),
  setAdmin: authedProcedure
    .input(setInstanceAdminInput)
    .mutation(({ ctx, input }) => setInstanceAdmin(ctx.db, ctx.userId, input)),
});
