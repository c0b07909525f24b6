import type { ExpressionEvaluator } from '../ports';
import type { ExpressionContext } from './context';
import { expressionHost, type HostFunctionOptions } from './host-functions';
import { inProcessEvaluator } from './in-process-evaluator';

export interface EvaluateOptions extends HostFunctionOptions {
  /** Where the expression runs; in-process by default. */
  evaluator?: ExpressionEvaluator;
}

/** Evaluates a JSONata expression over the context, with the caller's functions bound. */
export function evaluateExpression(
  source: string,
  context: ExpressionContext,
  options: EvaluateOptions = {},
): Promise<unknown> {
  const evaluator = options.evaluator ?? inProcessEvaluator;
  return evaluator.evaluate(source, context, expressionHost(options));
}
