import { z } from 'zod';
import { isRunFinal } from '@/engine';
import { RUN_STATUSES, TRIGGER_TYPES } from '@/shared/run-filters';
import { waitForRun } from '../../events/run-listener';
import { retryRunInput, runIdInput, startRunInput } from '../../services/runs/run-inputs';
import { workflowIdInput } from '../../services/workflows/workflow-inputs';
import { route, type Caller } from '../rest-route';
import { runJson } from '../run-json';
import { runPageSchema, runSchema, runStartedSchema } from '../rest-schemas';

const TAG = 'Runs';

const MAX_WAIT_MS = 600_000;

const startRunBody = startRunInput.omit({ workflowId: true }).extend({
  wait: z
    .boolean({ error: 'must be true or false' })
    .default(false)
    .meta({ description: 'Answer with the finished run instead of 202 with its id' }),
  waitTimeoutMs: z
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(MAX_WAIT_MS, `must be at most ${MAX_WAIT_MS}`)
    .default(30_000)
    .meta({ description: 'With `wait`: how long to wait before answering 202 with the id' }),
});

const listRunsQuery = z.object({
  workflowId: z.string().max(64, 'is not an id').optional(),
  status: z.enum(RUN_STATUSES).optional(),
  trigger: z.enum(TRIGGER_TYPES).optional(),
  from: z.string().optional().meta({ description: 'Runs created at or after (ISO date-time)' }),
  to: z.string().optional().meta({ description: 'Runs created before (ISO date-time)' }),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .optional(),
  cursor: z
    .string()
    .max(64, 'is not a run id')
    .optional()
    .meta({ description: '`nextCursor` of the previous page' }),
});

async function finishedRun(caller: Caller, id: string, timeoutMs: number, signal: AbortSignal) {
  return waitForRun(id, {
    timeoutMs,
    signal,
    relevant: (notice) => isRunFinal(notice.status),
    probe: async () => {
      const run = await caller.run.get({ id });
      return isRunFinal(run.status) ? run : undefined;
    },
  });
}

export const runRoutes = [
  route({
    method: 'post',
    path: '/workflows/{id}/runs',
    operationId: 'startRun',
    summary: 'Start a run of the published version (or of `versionId`)',
    description:
      'Answers 202 with the run id; with `wait: true`, 200 with the finished run, or 202 if ' +
      'it has not finished within `waitTimeoutMs`.',
    tag: TAG,
    procedure: 'run.start',
    params: workflowIdInput,
    body: startRunBody,
    responses: {
      200: { description: 'The finished run (with `wait`)', schema: runSchema },
      202: { description: 'Started', schema: runStartedSchema },
    },
    async handle({ caller, params, body, signal }) {
      const { wait, waitTimeoutMs, ...rest } = body;
      const started = await caller.run.start({ ...rest, workflowId: params.id });
      if (wait) {
        const run = isRunFinal(started.status)
          ? await caller.run.get({ id: started.runId })
          : await finishedRun(caller, started.runId, waitTimeoutMs, signal);
        if (run) return { status: 200, body: runJson(run) };
        const now = await caller.run.get({ id: started.runId });
        return { status: 202, body: { id: started.runId, status: now.status } };
      }
      return { status: 202, body: { id: started.runId, status: started.status } };
    },
  }),
  route({
    method: 'get',
    path: '/runs',
    operationId: 'listRuns',
    summary: 'List runs, newest first, a page at a time',
    tag: TAG,
    procedure: 'run.list',
    query: listRunsQuery,
    responses: { 200: { description: 'A page of runs', schema: runPageSchema } },
    async handle({ caller, query }) {
      return { status: 200, body: await caller.run.list(query) };
    },
  }),
  route({
    method: 'get',
    path: '/runs/{id}',
    operationId: 'getRun',
    summary: 'Get a run with each step',
    tag: TAG,
    procedure: 'run.get',
    params: runIdInput,
    responses: { 200: { description: 'The run', schema: runSchema } },
    async handle({ caller, params }) {
      return { status: 200, body: runJson(await caller.run.get({ id: params.id })) };
    },
  }),
  route({
    method: 'post',
    path: '/runs/{id}/cancel',
    operationId: 'cancelRun',
    summary: 'Cancel a run',
    tag: TAG,
    procedure: 'run.cancel',
    params: runIdInput,
    responses: { 200: { description: 'Where the run now stands', schema: runStartedSchema } },
    async handle({ caller, params }) {
      return { status: 200, body: await caller.run.cancel({ id: params.id }) };
    },
  }),
  route({
    method: 'post',
    path: '/runs/{id}/retry',
    operationId: 'retryRun',
    summary: 'Retry a finished run as a new run',
    tag: TAG,
    procedure: 'run.retry',
    params: runIdInput,
    body: retryRunInput.omit({ id: true }),
    responses: { 202: { description: 'The new run', schema: runStartedSchema } },
    async handle({ caller, params, body }) {
      const retried = await caller.run.retry({ ...body, id: params.id });
      return { status: 202, body: { id: retried.runId, status: retried.status } };
    },
  }),
];
