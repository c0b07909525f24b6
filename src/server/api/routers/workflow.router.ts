import { createWorkflow } from '../../services/workflows/create-workflow';
import { deleteWorkflow } from '../../services/workflows/delete-workflow';
import { getWorkflow } from '../../services/workflows/get-workflow';
import { listWorkflows } from '../../services/workflows/list-workflows';
import { renameWorkflow } from '../../services/workflows/rename-workflow';
import {
  createWorkflowInput,
  renameWorkflowInput,
  workflowIdInput,
} from '../../services/workflows/workflow-inputs';
import { actorOf, createTRPCRouter, editorProcedure, viewerProcedure } from '../trpc';

export const workflowRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listWorkflows(ctx.db, actorOf(ctx))),
  get: viewerProcedure
    .input(workflowIdInput)
    .query(({ ctx, input }) => getWorkflow(ctx.db, actorOf(ctx), input.id)),
  create: editorProcedure
    .input(createWorkflowInput)
    .mutation(({ ctx, input }) => createWorkflow(ctx.db, actorOf(ctx), input)),
  rename: editorProcedure
    .input(renameWorkflowInput)
    .mutation(({ ctx, input }) => renameWorkflow(ctx.db, actorOf(ctx), input)),
  delete: editorProcedure
    .input(workflowIdInput)
    .mutation(({ ctx, input }) => deleteWorkflow(ctx.db, actorOf(ctx), input.id)),
});
