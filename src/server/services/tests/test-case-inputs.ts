import { z } from 'zod';
import { workflowId } from '../workflows/workflow-inputs';

export const testCaseId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(64, 'is not a test case id');

export const listTestCasesInput = z.object({ workflowId });

/** `testCase` is checked against the engine's case format by the service, with paths. */
export const createTestCaseInput = z.object({ workflowId, testCase: z.unknown() });
export const updateTestCaseInput = z.object({ id: testCaseId, testCase: z.unknown() });
export const deleteTestCaseInput = z.object({ id: testCaseId });

/** Every case of the workflow, or only the ones listed. */
export const runTestCasesInput = z.object({
  workflowId,
  ids: z.array(testCaseId).max(1_000).optional(),
});

export const testCaseFromRunInput = z.object({
  runId: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(64, 'is not a run id'),
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .optional(),
});

/** `file` is a whole test file (`*.test.json`), checked by the service with paths. */
export const importTestFileInput = z.object({ workflowId, file: z.unknown() });

/** The whole set of a workflow's cases; each is checked by the service, with paths. */
export const replaceTestCasesInput = z.object({
  workflowId,
  cases: z.array(z.unknown(), { error: 'must be a list of test cases' }).max(1_000),
});
