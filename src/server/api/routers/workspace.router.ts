import { listUserWorkspaces } from '../../services/workspaces/list-user-workspaces';
import { authedProcedure, createTRPCRouter, viewerProcedure } from '../trpc';

export const workspaceRouter = createTRPCRouter({
  /** The workspaces the caller belongs to, with their role in each. */
  mine: authedProcedure.query(({ ctx }) => listUserWorkspaces(ctx.db, ctx.userId)),
  current: viewerProcedure.query(({ ctx }) => ctx.workspace),
});
