import { z } from 'zod';
import { NODE_ID_PATTERN } from '../definition/workflow.schema';
import { flagKey } from '../flags/flag.schema';

/**
 * The saved format of workflow tests (`<name>.test.json` next to the workflow): a public
 * contract like the workflow format. Change it only with a new `schemaVersion`.
 */

const nodeId = z.string().regex(NODE_ID_PATTERN, 'Not a step id');

const mockFields = {
  /** The step succeeds with this output without running. */
  output: z.unknown().optional(),
  /** The port it leaves through (if/switch); the default port otherwise. */
  port: z.string().min(1).optional(),
  /** The step fails with this message. */
  error: z.string().min(1).optional(),
  retryable: z.boolean().optional(),
  /** Virtual time the answer takes: a step timeout shorter than this fires. */
  delayMs: z
    .number()
    .int()
    .min(0)
    .max(365 * 24 * 3_600_000)
    .optional(),
};

function exactlyOneAnswer(
  value: { output?: unknown; error?: string; sequence?: unknown },
  ctx: z.RefinementCtx,
) {
  const answers = ['output', 'error', 'sequence'].filter(
    (key) => (value as Record<string, unknown>)[key] !== undefined,
  );
  if (answers.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: 'A mock needs exactly one of "output", "error" or "sequence"',
    });
  }
  if (value.error === undefined && (value as { retryable?: unknown }).retryable !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['retryable'], message: 'Only an "error" mock retries' });
  }
}

export const mockAnswerSchema = z.strictObject(mockFields).superRefine(exactlyOneAnswer);

export const stepMockSchema = z
  .strictObject({ ...mockFields, sequence: z.array(mockAnswerSchema).min(1).optional() })
  .superRefine(exactlyOneAnswer);

export const stepExpectationSchema = z.strictObject({
  status: z.enum(['succeeded', 'failed', 'skipped']).optional(),
  attempts: z.number().int().min(0).optional(),
  output: z.unknown().optional(),
  /** A substring of the step's error message. */
  error: z.string().optional(),
});

export const expectationSchema = z.strictObject({
  status: z.enum(['succeeded', 'failed', 'cancelled']).optional(),
  output: z.unknown().optional(),
  steps: z.record(nodeId, stepExpectationSchema).optional(),
  /** JSONata expressions over `{ status, output, steps }` that must be true. */
  assert: z.array(z.string().min(1)).optional(),
});

export const testCaseSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  input: z.unknown().optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
  secrets: z.record(z.string(), z.string()).optional(),
  /** Where the virtual clock starts. */
  now: z.iso.datetime({ offset: true }).optional(),
  mocks: z.record(nodeId, stepMockSchema).optional(),
  /**
   * Flags forced for the case: a variant name (its value comes from the flag's definition
   * where the runner has it) or the variant with its value.
   */
  flags: z
    .record(
      flagKey,
      z.union([z.string().min(1), z.strictObject({ variant: z.string().min(1), value: z.json() })]),
    )
    .optional(),
  /** The variant (port) each A/B split step takes, by step id. */
  split: z.record(nodeId, z.string().min(1)).optional(),
  expect: expectationSchema.optional(),
});

export const testFileSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** The workflow's file name without extension in the same folder, or its name. */
    workflow: z.string().min(1),
    cases: z.array(testCaseSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.cases.forEach((c, i) => {
      if (seen.has(c.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['cases', i, 'name'],
          message: `Another case is already named "${c.name}"`,
        });
      }
      seen.add(c.name);
    });
  });

export type MockAnswer = z.infer<typeof mockAnswerSchema>;
export type StepMock = z.infer<typeof stepMockSchema>;
export type StepExpectation = z.infer<typeof stepExpectationSchema>;
export type Expectation = z.infer<typeof expectationSchema>;
export type TestCase = z.infer<typeof testCaseSchema>;
export type ForcedFlags = NonNullable<TestCase['flags']>;
export type TestFile = z.infer<typeof testFileSchema>;
