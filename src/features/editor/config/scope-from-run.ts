import { predecessors, type WorkflowDefinition } from '@/engine';
import type { ExpressionScope } from './expression-completions';

/** The parts of a run (as `run.get` returns it) that expressions can refer to. */
export interface RunForScope {
  input: unknown;
  steps: readonly { nodeId: string; attempt: number; status: string; output: unknown }[];
}

/**
 * What completion offers: the workflow's node ids and vars, the predecessors of the step
 * being edited (`prev`), and, from the latest run, its input and each step's output (the
 * last successful attempt's).
 */
export function scopeFromRun(
  definition: WorkflowDefinition,
  run: RunForScope | undefined,
  nodeId?: string,
): ExpressionScope {
  const outputs: Record<string, unknown> = {};
  const attempts: Record<string, number> = {};
  for (const step of run?.steps ?? []) {
    if (step.status !== 'succeeded' || (attempts[step.nodeId] ?? 0) > step.attempt) continue;
    attempts[step.nodeId] = step.attempt;
    outputs[step.nodeId] = step.output;
  }
  return {
    nodeIds: definition.nodes.map((n) => n.id),
    ...(nodeId ? { predecessorIds: predecessors(definition, nodeId) } : {}),
    ...(definition.vars ? { vars: definition.vars } : {}),
    ...(run ? { input: run.input, outputs } : {}),
  };
}
