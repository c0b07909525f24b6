import { setLimitsInput } from '../../services/limits/limits-inputs';
import { getWorkspaceLimits, setWorkspaceLimits } from '../../services/limits/workspace-limits';
import { actorOf, adminProcedure, createTRPCRouter, viewerProcedure } from '../trpc';

export const limitsRouter = createTRPCRouter({
  get: viewerProcedure.query(({ ctx }) => getWorkspaceLimits(ctx.db, actorOf(ctx))),
  set: adminProcedure
    .input(setLimitsInput)
    .mutation(({ ctx, input }) => setWorkspaceLimits(ctx.db, actorOf(ctx), input)),
});
