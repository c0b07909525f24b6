import { webRuntime } from '../../runtime/web-runtime';
import { createWorkspace } from '../../services/workspaces/create-workspace';
import { deleteWorkspace } from '../../services/workspaces/delete-workspace';
import { listUserWorkspaces } from '../../services/workspaces/list-user-workspaces';
import { renameWorkspace } from '../../services/workspaces/rename-workspace';
import { transferOwnership } from '../../services/workspaces/transfer-ownership';
import {
  createWorkspaceInput,
  deleteWorkspaceInput,
  renameWorkspaceInput,
  transferOwnershipInput,
} from '../../services/workspaces/workspace-inputs';
import {
  actorOf,
  authedProcedure,
  createTRPCRouter,
  ownerProcedure,
  viewerProcedure,
} from '../trpc';

export const workspaceRouter = createTRPCRouter({
  /** The workspaces the caller belongs to, with their role in each. */
  mine: authedProcedure.query(({ ctx }) => listUserWorkspaces(ctx.db, ctx.userId)),
  current: viewerProcedure.query(({ ctx }) => ctx.workspace),
  /** Any signed-in user may create one and becomes its owner. */
  create: authedProcedure
    .input(createWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace(ctx.db, ctx.userId, input)),
  rename: ownerProcedure
    .input(renameWorkspaceInput)
    .mutation(({ ctx, input }) => renameWorkspace(ctx.db, actorOf(ctx), input)),
  transferOwnership: ownerProcedure
    .input(transferOwnershipInput)
    .mutation(({ ctx, input }) => transferOwnership(ctx.db, actorOf(ctx), input)),
  delete: ownerProcedure
    .input(deleteWorkspaceInput)
    .mutation(({ ctx, input }) => deleteWorkspace(ctx.db, webRuntime(), actorOf(ctx), input)),
});
