import { createWorkflow } from '../../services/workflows/create-workflow';
import { deleteWorkflow } from '../../services/workflows/delete-workflow';
import { getVersion, getVersionInput } from '../../services/workflows/get-version';
import { getWorkflow } from '../../services/workflows/get-workflow';
import { listVersions } from '../../services/workflows/list-versions';
import { listWorkflows } from '../../services/workflows/list-workflows';
import { publishWorkflow, publishWorkflowInput } from '../../services/workflows/publish-workflow';
import { renameWorkflow } from '../../services/workflows/rename-workflow';
import { saveDraft, saveDraftInput } from '../../services/workflows/save-draft';
import {
  updateWorkflowSettings,
  workflowSettingsInput,
} from '../../services/workflows/update-workflow-settings';
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
  saveDraft: editorProcedure
    .input(saveDraftInput)
    .mutation(({ ctx, input }) => saveDraft(ctx.db, actorOf(ctx), input)),
  publish: editorProcedure
    .input(publishWorkflowInput)
    .mutation(({ ctx, input }) => publishWorkflow(ctx.db, actorOf(ctx), input)),
  updateSettings: editorProcedure
    .input(workflowSettingsInput)
    .mutation(({ ctx, input }) => updateWorkflowSettings(ctx.db, actorOf(ctx), input)),
  versions: viewerProcedure
    .input(workflowIdInput)
    .query(({ ctx, input }) => listVersions(ctx.db, actorOf(ctx), input.id)),
  version: viewerProcedure
    .input(getVersionInput)
    .query(({ ctx, input }) => getVersion(ctx.db, actorOf(ctx), input)),
});
