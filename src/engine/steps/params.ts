import { z } from 'zod';
import { expressionSyntaxError } from '../expr/compile';
import type { ExpressionError } from '../expr/expression-error';
import { unwrapExpression } from '../expr/template';

/**
 * Building blocks shared by step params schemas. `kind` in the meta travels into the JSON
 * Schema the designer reads, so it can offer an expression or code editor for the field.
 */

/**
 * A non-empty JSONata expression, written bare or wrapped in one `{{ }}`; the parsed value is
 * always the bare expression. Top-level params of kind 'expression' are syntax-checked by
 * workflow validation already; `checkSyntax` is for expressions nested inside other params
 * (switch cases), which validation cannot tell apart from plain text.
 */
export function expressionField(title: string, description: string, checkSyntax = false) {
  return z
    .string()
    .min(1, `${title} is required`)
    .describe(description)
    .meta({ title, kind: 'expression' })
    .transform((value, ctx) => {
      let source: string;
      try {
        source = unwrapExpression(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as ExpressionError).reason });
        return z.NEVER;
      }
      const error = checkSyntax ? expressionSyntaxError(source) : undefined;
      if (error) ctx.addIssue({ code: 'custom', message: error });
      return source;
    });
}

/** A JSON value typed in the designer (any shape); templates inside it are resolved. */
export function jsonValueField(title: string, description: string) {
  return z.unknown().describe(description).meta({ title, kind: 'json' });
}

export const stringRecord = (title: string, description: string) =>
  z.record(z.string(), z.string()).default({}).describe(description).meta({ title });

/** Node ids and port names share the identifier rule of the saved format. */
export const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
