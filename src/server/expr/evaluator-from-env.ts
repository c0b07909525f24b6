import { expressionEnv } from '../env';
import { ProcessEvaluator } from './process-evaluator';

/** The process pool with the limits the environment sets (1000 ms and 64 MB by default). */
export function evaluatorFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ProcessEvaluator {
  const limits = expressionEnv(env);
  return new ProcessEvaluator({
    timeoutMs: limits.MINIFLOW_EXPRESSION_TIMEOUT_MS,
    memoryMb: limits.MINIFLOW_EXPRESSION_MEMORY_MB,
  });
}
