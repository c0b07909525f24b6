import { workflowIdInput } from '../../services/workflows/workflow-inputs';
import { route } from '../rest-route';
import { testSuiteReplacedSchema, testSuiteSchema } from '../rest-schemas';

const TAG = 'Tests';

export const testRoutes = [
  route({
    method: 'get',
    path: '/workflows/{id}/tests',
    operationId: 'getTests',
    summary: "Get a workflow's test cases",
    description: 'The cases in the test file format, ordered by name.',
    tag: TAG,
    procedure: 'test.list',
    params: workflowIdInput,
    responses: { 200: { description: 'The cases', schema: testSuiteSchema } },
    async handle({ caller, params }) {
      const rows = await caller.test.list({ workflowId: params.id });
      return { status: 200, body: { cases: rows.map((row) => row.definition) } };
    },
  }),
  route({
    method: 'put',
    path: '/workflows/{id}/tests',
    operationId: 'replaceTests',
    summary: "Replace a workflow's test cases",
    description:
      'The cases become the whole suite: a case of the same name is replaced when it ' +
      'differs (its last result is cleared), new ones are added, the others removed. ' +
      'Sending the suite the workflow already has changes nothing.',
    tag: TAG,
    procedure: 'test.replace',
    params: workflowIdInput,
    body: testSuiteSchema,
    responses: { 200: { description: 'Replaced', schema: testSuiteReplacedSchema } },
    async handle({ caller, params, body }) {
      const replaced = await caller.test.replace({ workflowId: params.id, cases: body.cases });
      return { status: 200, body: replaced };
    },
  }),
];
