/**
 * What expressions see: the run's input (the trigger's payload), the output of the step
 * before this one, finished step outputs, workflow vars and run info.
 */
export interface ExpressionContext {
  input: unknown;
  /** The single predecessor's output; for a join, the outputs that arrived keyed by step id. */
  prev?: unknown;
  steps: Record<string, unknown>;
  vars: Record<string, unknown>;
  run: { id: string; workflowId: string; attempt: number };
}
