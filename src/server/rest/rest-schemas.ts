import { z } from 'zod';
import 'zod-openapi';
import { testCaseSchema as engineTestCaseSchema, workflowDefinitionSchema } from '@/engine';
import { RUN_STATUSES, TRIGGER_TYPES } from '@/shared/run-filters';
import { ROLES } from '@/shared/roles';

/**
 * What the REST API answers, for the OpenAPI document. Requests are read with the services'
 * own input schemas; these describe the answers the handlers build.
 */
const instant = z.string().meta({ format: 'date-time' });
const json = z.unknown().meta({ description: 'Any JSON value' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'For validation errors: each field (dotted path) and its problem' }),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document' });

export const workflowSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    createdAt: instant,
    updatedAt: instant,
    versions: z.number().int(),
  })
  .meta({ id: 'WorkflowSummary' });

export const workflowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    createdAt: instant,
    updatedAt: instant,
    publishedVersionId: z.string().nullable(),
    draftRevision: z.number().int(),
  })
  .meta({ id: 'Workflow' });

export const definitionSchema = workflowDefinitionSchema.meta({
  id: 'WorkflowDefinition',
  description:
    'A workflow in the saved format (the files `miniflow validate` and the designer read)',
});

export const draftSchema = z
  .object({ revision: z.number().int(), definition: definitionSchema })
  .meta({ id: 'Draft' });

const author = z.object({ name: z.string().nullable(), email: z.string() }).nullable();

export const versionSummarySchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    message: z.string(),
    createdAt: instant,
    author,
    published: z.boolean(),
  })
  .meta({ id: 'VersionSummary' });

export const versionSchema = versionSummarySchema
  .extend({ definition: definitionSchema })
  .meta({ id: 'Version' });

const stepSchema = z.object({
  status: z.string(),
  attempts: z.number().int(),
  output: json,
  error: z.looseObject({ message: z.string() }).nullable(),
  durationMs: z.number().optional(),
  cached: z
    .literal(true)
    .optional()
    .meta({ description: 'The latest attempt was served from the step result cache' }),
});

export const runSchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    workflowName: z.string(),
    version: z.number().int(),
    status: z.enum(RUN_STATUSES),
    trigger: z.enum(TRIGGER_TYPES),
    input: json,
    output: json,
    error: z.object({ message: z.string(), nodeId: z.string().optional() }).nullable(),
    steps: z
      .record(z.string(), stepSchema)
      .meta({ description: 'Every step of the version, keyed by node id' }),
    createdAt: instant,
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
    durationMs: z.number().optional(),
  })
  .meta({
    id: 'Run',
    description: 'A run: `status`, `output` and `steps` as `miniflow run --json` prints them',
  });

export const runStartedSchema = z
  .object({ id: z.string(), status: z.enum(RUN_STATUSES) })
  .meta({ id: 'RunStarted' });

export const runSummarySchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    workflowName: z.string(),
    status: z.enum(RUN_STATUSES),
    trigger: z.enum(TRIGGER_TYPES),
    createdAt: instant,
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
    parentRunId: z.string().nullable(),
    retryOfId: z.string().nullable(),
  })
  .meta({ id: 'RunSummary' });

export const runPageSchema = z
  .object({
    items: z.array(runSummarySchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'RunPage' });

export const scheduleSchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    workflowName: z.string(),
    nodeId: z.string(),
    cron: z.string(),
    timezone: z.string(),
    overlap: z.string(),
    catchUp: z.string(),
    paused: z.boolean(),
    nextFireAt: instant.nullable(),
    lastFiredAt: instant.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Schedule' });

export const memberSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    createdAt: instant,
  })
  .meta({ id: 'Member' });

export const scheduleStateSchema = z
  .object({
    id: z.string(),
    paused: z.boolean(),
    nextFireAt: instant.nullable(),
    lastFiredAt: instant.nullable(),
  })
  .meta({ id: 'ScheduleState' });

export const testCaseSchema = engineTestCaseSchema.meta({
  id: 'TestCase',
  description: 'One case of a test file (`cases[]` of `<name>.test.json`, see the README)',
});

export const testSuiteSchema = z
  .object({
    cases: z
      .array(testCaseSchema)
      .max(1_000)
      .meta({ description: "The workflow's cases, by name; names are unique" }),
  })
  .meta({ id: 'TestSuite' });

export const testSuiteReplacedSchema = z
  .object({
    cases: z.number().int().meta({ description: 'How many cases the workflow now has' }),
    created: z.number().int(),
    updated: z.number().int(),
    deleted: z.number().int(),
  })
  .meta({
    id: 'TestSuiteReplaced',
    description: 'What changed: all zero when the suite was already equal',
  });

export const credentialSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    version: z.number().int(),
    set: z
      .literal(true)
      .meta({ description: 'Values are write-only: only that they are set is told' }),
    allowedWorkflowIds: z.array(z.string()),
    createdBy: z.string().nullable().optional(),
    updatedBy: z.string().nullable().optional(),
    createdAt: instant.optional(),
    updatedAt: instant.optional(),
    lastUsedAt: instant.nullable().optional(),
  })
  .meta({ id: 'Credential' });
