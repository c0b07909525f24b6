import { z } from 'zod';
import type { LogContext } from './log-context';

const jobFields = z.object({
  runId: z.string().optional(),
  /** Child-completion jobs work on the parent run. */
  parentRunId: z.string().optional(),
  nodeId: z.string().optional(),
  attempt: z.number().int().optional(),
});

/** The run, and for a step job the step attempt, a queue job works on: for its log lines. */
export function jobLogContext(payload: unknown): LogContext {
  const parsed = jobFields.safeParse(payload);
  if (!parsed.success) return {};
  const { runId, parentRunId, nodeId, attempt } = parsed.data;
  const run = runId ?? parentRunId;
  return {
    ...(run ? { runId: run } : {}),
    ...(nodeId ? { nodeId } : {}),
    ...(attempt !== undefined ? { attempt } : {}),
  };
}
