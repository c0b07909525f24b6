import { z } from 'zod';
import { expressionSyntaxError } from '../expr/compile';

/**
 * Building blocks shared by step params schemas. `kind` in the meta travels into the JSON
 * Schema the designer reads, so it can offer an expression or code editor for the field.
 */

/**
 * A non-empty JSONata expression. Top-level params of kind 'expression' are syntax-checked
 * by workflow validation already; `checkSyntax` is for expressions nested inside other params
 * (switch cases), which validation cannot tell apart from plain text.
 */
export function expressionField(title: string, description: string, checkSyntax = false) {
  const field = z.string().min(1, `${title} is required`);
  const checked = checkSyntax
    ? field.superRefine((value, ctx) => {
        const error = expressionSyntaxError(value);
        if (error) ctx.addIssue({ code: 'custom', message: error });
      })
    : field;
  return checked.describe(description).meta({ title, kind: 'expression' });
}

/** A JSON value typed in the designer (any shape); templates inside it are resolved. */
export function jsonValueField(title: string, description: string) {
  return z.unknown().describe(description).meta({ title, kind: 'json' });
}

export const stringRecord = (title: string, description: string) =>
  z.record(z.string(), z.string()).default({}).describe(description).meta({ title });

/** Node ids and port names share the identifier rule of the saved format. */
export const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
