import { z } from 'zod';
import { storableJson } from '../storable-json';

const id = z.string().min(1, 'must not be empty').max(64, 'is not an id');

export const startRunInput = z.object({
  workflowId: id,
  input: storableJson.optional(),
  /** Run a specific version (default: the published one). */
  versionId: id.optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
});

export const runIdInput = z.object({ id });

export const retryRunInput = z.object({
  id,
  /** Retry from the failed step, reusing the outputs of the steps before it. */
  fromFailedStep: z.boolean().default(false),
  /** Run the workflow's latest published version instead of the failed run's. */
  latestVersion: z.boolean().default(false),
});

export const listRunsInput = z.object({
  workflowId: id.optional(),
  status: z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: id.optional(),
});
