import jsonata from 'jsonata';
import { toExpressionError } from './expression-error';
import { LruCache } from './lru';

/**
 * Limits every evaluation: JSONata has tail-call optimised recursion, so without them a
 * `function($f){$f($f)}` style expression could spin a worker forever.
 */
export const EXPRESSION_LIMITS = { timeout: 1_000, stack: 2_000, sequence: 100_000 } as const;

/** Compiled expressions keyed by source: parsing dominates the cost of a small expression. */
const cache = new LruCache<string, jsonata.Expression>(2_000);

/** Parses a JSONata expression (cached); throws an ExpressionError naming it when invalid. */
export function compileExpression(source: string): jsonata.Expression {
  const hit = cache.get(source);
  if (hit) return hit;
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(source, { ...EXPRESSION_LIMITS });
  } catch (err) {
    throw toExpressionError(source, err);
  }
  cache.set(source, compiled);
  return compiled;
}

/** The syntax error of `source`, or undefined when it parses. */
export function expressionSyntaxError(source: string): string | undefined {
  try {
    compileExpression(source);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
