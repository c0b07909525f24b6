/** What expressions see: the run's input, finished step outputs, workflow vars, run info. */
export interface ExpressionContext {
  input: unknown;
  steps: Record<string, unknown>;
  vars: Record<string, unknown>;
  run: { id: string; workflowId: string; attempt: number };
}
