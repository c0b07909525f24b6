/**
 * Any failure to compile or evaluate a user expression. The message names the expression so
 * a run log points at the offending field without the reader having to guess.
 */
export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    readonly reason: string,
    readonly position?: number,
    readonly code?: string,
  ) {
    const at = position === undefined ? '' : ` at position ${position}`;
    super(`Expression "${shorten(expression)}" failed${at}: ${reason}`);
    this.name = 'ExpressionError';
  }
}

/**
 * Codes of failures against an evaluation limit (time, memory, size): the same expression
 * over the same data meets the same limit again, so they are never retried.
 */
export const EXPRESSION_LIMIT_CODES: ReadonlySet<string> = new Set([
  'time-limit',
  'memory-limit',
  'size-limit',
  'crashed',
  // JSONata's own timeout.
  'D1012',
]);

/** Wraps whatever JSONata (or a bound function) threw. */
export function toExpressionError(expression: string, err: unknown): ExpressionError {
  if (err instanceof ExpressionError) return err;
  const e = (err ?? {}) as { message?: unknown; position?: unknown; code?: unknown };
  const reason = typeof e.message === 'string' ? e.message : String(err);
  const position = typeof e.position === 'number' ? e.position : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  return new ExpressionError(expression, reason, position, code);
}

function shorten(expression: string): string {
  const flat = expression.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
