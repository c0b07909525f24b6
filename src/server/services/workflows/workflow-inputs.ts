import { z } from 'zod';

export const workflowName = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

export const workflowId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(64, 'is not a workflow id');

export const createWorkflowInput = z.object({
  name: workflowName,
  description: z.string().max(2_000, 'must be at most 2000 characters').optional(),
});

export const renameWorkflowInput = z.object({ id: workflowId, name: workflowName });
export const workflowIdInput = z.object({ id: workflowId });
