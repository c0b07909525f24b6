import { z } from 'zod';

/**
 * The saved workflow format: a public contract shared by the designer, the API, the CLI and
 * stored versions. Objects are strict so a typo in a hand-written file is reported instead of
 * silently dropped; evolving the format means bumping `schemaVersion`.
 */

export const NODE_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const DEFAULT_PORT = 'out';
export const ERROR_PORT = 'error';
/** Guards against configurations that would hammer a service for hours. */
export const MAX_RETRY_ATTEMPTS = 100;

export const retryPolicySchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(MAX_RETRY_ATTEMPTS),
  backoff: z.enum(['fixed', 'exponential']),
  initialDelayMs: z.number().int().min(0),
  maxDelayMs: z.number().int().min(0).optional(),
});

/** Longest a cached step result is kept: 30 days. */
export const MAX_CACHE_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Opt-in result cache of a step: a later attempt with the same key within `ttlSeconds` takes
 * the stored output and port instead of running. `key` is a template; without it the key is
 * the step's resolved params.
 */
export const stepCacheSchema = z.strictObject({
  ttlSeconds: z.number().int().min(1).max(MAX_CACHE_TTL_SECONDS),
  key: z.string().min(1).max(2000).optional(),
});

export const onErrorSchema = z.enum(['fail', 'continue', 'errorPort']);

export const workflowNodeSchema = z.strictObject({
  id: z.string().regex(NODE_ID_PATTERN, 'Node id must match /^[A-Za-z_][A-Za-z0-9_]*$/'),
  type: z.string().min(1),
  name: z.string().optional(),
  params: z.record(z.string(), z.unknown()),
  position: z.strictObject({ x: z.number(), y: z.number() }).optional(),
  retry: retryPolicySchema.optional(),
  timeoutMs: z.number().int().positive().optional(),
  onError: onErrorSchema.optional(),
  cache: stepCacheSchema.optional(),
});

export const workflowEdgeSchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  /** Absent means {@link DEFAULT_PORT}; kept optional so saved files stay minimal. */
  fromPort: z.string().min(1).optional(),
});

export const workflowDefinitionSchema = z.strictObject({
  schemaVersion: z.literal(1),
  name: z.string(),
  nodes: z.array(workflowNodeSchema),
  edges: z.array(workflowEdgeSchema),
  vars: z.record(z.string(), z.unknown()).optional(),
});

export type RetryPolicy = z.infer<typeof retryPolicySchema>;
export type StepCacheSettings = z.infer<typeof stepCacheSchema>;
export type OnError = z.infer<typeof onErrorSchema>;
export type WorkflowNode = z.infer<typeof workflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;

export function edgePort(edge: WorkflowEdge): string {
  return edge.fromPort ?? DEFAULT_PORT;
}
