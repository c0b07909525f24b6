import { z } from 'zod';
import { publishWorkflowInput } from '../../services/workflows/publish-workflow';
import {
  createWorkflowInput,
  renameWorkflowInput,
  workflowIdInput,
} from '../../services/workflows/workflow-inputs';
import { getVersionInput } from '../../services/workflows/get-version';
import { AppError } from '../../errors';
import { route, type Caller } from '../rest-route';
import {
  definitionSchema,
  draftSchema,
  versionSchema,
  versionSummarySchema,
  workflowSchema,
  workflowSummarySchema,
} from '../rest-schemas';

const TAG = 'Workflows';

async function workflowOf(caller: Caller, id: string) {
  const w = await caller.workflow.get({ id });
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    publishedVersionId: w.publishedVersionId,
    draftRevision: w.draftRevision,
  };
}

/** `If-Match: 3` or `If-Match: "3"`: the draft revision the caller based its edit on. */
function ifMatchRevision(headers: Headers): number | undefined {
  const value = headers.get('if-match');
  if (value === null) return undefined;
  const match = /^\s*"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) throw new AppError('BAD_REQUEST', 'If-Match: must be a draft revision number');
  return Number(match[1]);
}

const idParams = workflowIdInput;
const versionParams = z.object({
  id: workflowIdInput.shape.id,
  number: z.coerce.number({ error: 'must be a version number' }).pipe(getVersionInput.shape.number),
});

export const workflowRoutes = [
  route({
    method: 'get',
    path: '/workflows',
    operationId: 'listWorkflows',
    summary: 'List workflows',
    tag: TAG,
    procedure: 'workflow.list',
    responses: { 200: { description: 'The workflows', schema: z.array(workflowSummarySchema) } },
    async handle({ caller }) {
      const rows = await caller.workflow.list();
      return {
        status: 200,
        body: rows.map(({ _count, ...w }) => ({ ...w, versions: _count.versions })),
      };
    },
  }),
  route({
    method: 'post',
    path: '/workflows',
    operationId: 'createWorkflow',
    summary: 'Create a workflow with an empty draft',
    tag: TAG,
    procedure: 'workflow.create',
    body: createWorkflowInput,
    responses: { 201: { description: 'Created', schema: workflowSchema } },
    async handle({ caller, body }) {
      const created = await caller.workflow.create(body);
      return { status: 201, body: await workflowOf(caller, created.id) };
    },
  }),
  route({
    method: 'get',
    path: '/workflows/{id}',
    operationId: 'getWorkflow',
    summary: 'Get a workflow',
    tag: TAG,
    procedure: 'workflow.get',
    params: idParams,
    responses: { 200: { description: 'The workflow', schema: workflowSchema } },
    async handle({ caller, params }) {
      return { status: 200, body: await workflowOf(caller, params.id) };
    },
  }),
  route({
    method: 'patch',
    path: '/workflows/{id}',
    operationId: 'renameWorkflow',
    summary: 'Rename a workflow',
    tag: TAG,
    procedure: 'workflow.rename',
    params: idParams,
    body: renameWorkflowInput.omit({ id: true }),
    responses: { 200: { description: 'Renamed', schema: workflowSchema } },
    async handle({ caller, params, body }) {
      await caller.workflow.rename({ id: params.id, name: body.name });
      return { status: 200, body: await workflowOf(caller, params.id) };
    },
  }),
  route({
    method: 'delete',
    path: '/workflows/{id}',
    operationId: 'deleteWorkflow',
    summary: 'Delete a workflow with its versions and runs',
    tag: TAG,
    procedure: 'workflow.delete',
    params: idParams,
    responses: { 204: { description: 'Deleted' } },
    async handle({ caller, params }) {
      await caller.workflow.delete({ id: params.id });
      return { status: 204 };
    },
  }),
  route({
    method: 'get',
    path: '/workflows/{id}/draft',
    operationId: 'getDraft',
    summary: 'Get the draft and its revision',
    tag: TAG,
    procedure: 'workflow.get',
    params: idParams,
    responses: { 200: { description: 'The draft', schema: draftSchema } },
    async handle({ caller, params }) {
      const w = await caller.workflow.get({ id: params.id });
      return { status: 200, body: { revision: w.draftRevision, definition: w.draft } };
    },
  }),
  route({
    method: 'put',
    path: '/workflows/{id}/draft',
    operationId: 'replaceDraft',
    summary: 'Replace the draft',
    description:
      'The body is a workflow in the saved format. With `If-Match: <revision>` the draft is ' +
      'replaced only if nobody saved since that revision (409 otherwise).',
    tag: TAG,
    procedure: 'workflow.saveDraft',
    params: idParams,
    body: definitionSchema,
    responses: { 200: { description: 'Saved', schema: draftSchema } },
    async handle({ caller, params, body, headers }) {
      const revision =
        ifMatchRevision(headers) ?? (await caller.workflow.get({ id: params.id })).draftRevision;
      const saved = await caller.workflow.saveDraft({ id: params.id, definition: body, revision });
      return { status: 200, body: { revision: saved.revision, definition: body } };
    },
  }),
  route({
    method: 'post',
    path: '/workflows/{id}/publish',
    operationId: 'publishWorkflow',
    summary: 'Publish the draft as the next version',
    tag: TAG,
    procedure: 'workflow.publish',
    params: idParams,
    body: publishWorkflowInput.omit({ id: true }),
    responses: { 201: { description: 'Published', schema: versionSummarySchema } },
    async handle({ caller, params, body }) {
      const version = await caller.workflow.publish({ id: params.id, message: body.message });
      const { definition: _definition, ...summary } = await caller.workflow.version({
        workflowId: params.id,
        number: version.number,
      });
      return { status: 201, body: summary };
    },
  }),
  route({
    method: 'get',
    path: '/workflows/{id}/versions',
    operationId: 'listVersions',
    summary: 'List published versions, newest first',
    tag: TAG,
    procedure: 'workflow.versions',
    params: idParams,
    responses: { 200: { description: 'The versions', schema: z.array(versionSummarySchema) } },
    async handle({ caller, params }) {
      const versions = await caller.workflow.versions({ id: params.id });
      return { status: 200, body: versions.map(({ createdById: _by, ...v }) => v) };
    },
  }),
  route({
    method: 'get',
    path: '/workflows/{id}/versions/{number}',
    operationId: 'getVersion',
    summary: 'Get one version with its definition',
    tag: TAG,
    procedure: 'workflow.version',
    params: versionParams,
    responses: { 200: { description: 'The version', schema: versionSchema } },
    async handle({ caller, params }) {
      const { createdById: _by, ...version } = await caller.workflow.version({
        workflowId: params.id,
        number: params.number,
      });
      return { status: 200, body: version };
    },
  }),
];
