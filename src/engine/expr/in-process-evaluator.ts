import type { ExpressionEvaluator, ExpressionHost } from '../ports';
import { compileExpression, EXPRESSION_LIMITS } from './compile';
import type { ExpressionContext } from './context';
import { ExpressionError, toExpressionError } from './expression-error';

/** JSONata's code for an evaluation that ran past its `timeout` option. */
const JSONATA_TIMEOUT = 'D1012';

/**
 * Evaluates on the calling thread. JSONata interprets the expression, so it reaches nothing
 * but the context and the functions bound here; its own limits stop runaway recursion and
 * loops, but not a slow built-in or regular expression, nor a huge allocation: use it where
 * an expression stalls no one but its author (unit tests, the designer's checks).
 */
export const inProcessEvaluator: ExpressionEvaluator = {
  async evaluate(source, context, host) {
    const compiled = compileExpression(source);
    try {
      const result: unknown = await compiled.evaluate(context, bindingsFor(context, host));
      return plain(result);
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === JSONATA_TIMEOUT) {
        throw new ExpressionError(
          source,
          `exceeded the ${EXPRESSION_LIMITS.timeout} ms time limit`,
          undefined,
          JSONATA_TIMEOUT,
        );
      }
      throw toExpressionError(source, err);
    }
  },
};

function bindingsFor(context: ExpressionContext, host: ExpressionHost): Record<string, unknown> {
  const bindings: Record<string, unknown> = {
    input: context.input,
    prev: context.prev,
    steps: context.steps,
    vars: context.vars,
    run: context.run,
    ...host,
  };
  const millis = host.millis;
  if (millis) {
    bindings.now = async (picture?: unknown, timezone?: unknown) =>
      formatNow(Number(await millis()), picture, timezone);
  }
  return bindings;
}

async function formatNow(ms: number, picture: unknown, timezone: unknown): Promise<unknown> {
  if (picture === undefined && timezone === undefined) return new Date(ms).toISOString();
  // Reuse JSONata's own picture formatting rather than re-implementing it.
  const format = compileExpression('$fromMillis($ms, $picture, $timezone)');
  return format.evaluate({}, { ms, picture, timezone });
}

/** JSONata marks result sequences with extra array props; callers want plain arrays. */
function plain(value: unknown): unknown {
  if (Array.isArray(value) && 'sequence' in value) return Array.from(value);
  return value;
}
