import jsonata from 'jsonata';
import { z } from 'zod';

/**
 * Building blocks shared by step params schemas. `kind` in the meta travels into the JSON
 * Schema the designer reads, so it can offer an expression or code editor for the field.
 */

/** Returns the JSONata syntax error of `expression`, or undefined when it parses. */
export function jsonataSyntaxError(expression: string): string | undefined {
  try {
    jsonata(expression);
    return undefined;
  } catch (err) {
    const e = err as { message?: string; position?: number };
    const at = typeof e.position === 'number' ? ` at position ${e.position}` : '';
    return `${e.message ?? String(err)}${at}`;
  }
}

/** A non-empty JSONata expression, syntax-checked when params are parsed. */
export function expressionField(title: string, description: string) {
  return z
    .string()
    .min(1, `${title} is required`)
    .superRefine((value, ctx) => {
      const error = jsonataSyntaxError(value);
      if (error) ctx.addIssue({ code: 'custom', message: `Invalid JSONata expression: ${error}` });
    })
    .describe(description)
    .meta({ title, kind: 'expression' });
}

/** A JSON value typed in the designer (any shape); templates inside it are resolved. */
export function jsonValueField(title: string, description: string) {
  return z.unknown().describe(description).meta({ title, kind: 'json' });
}

export const stringRecord = (title: string, description: string) =>
  z.record(z.string(), z.string()).default({}).describe(description).meta({ title });

/** Node ids and port names share the identifier rule of the saved format. */
export const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
