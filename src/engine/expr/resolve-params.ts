import type { ParamKind } from '../steps/step-type';
import type { ExpressionContext } from './context';
import { evaluateExpression, type EvaluateOptions } from './evaluate';
import { toExpressionError } from './expression-error';
import { hasTemplate, parseTemplate, stringifyForTemplate } from './template';

export type ParamKinds = Partial<Record<string, ParamKind>>;

/**
 * Whether a params object holds any template to resolve, remembered per object: params come
 * from the (immutable) definition, and most steps have none, which makes them free.
 */
const templated = new WeakMap<object, boolean>();

/**
 * Resolves `{{ }}` templates in every string of `params`, through nested objects and
 * arrays. Top-level params of kind 'expression', 'nestedExpressions' or 'code' are left as
 * written: they are (or hold) JSONata or JavaScript that the step itself evaluates, and an
 * expression wrapped in `{{ }}` is unwrapped by its field's schema, not evaluated here.
 */
export async function resolveParams(
  params: Record<string, unknown>,
  kinds: ParamKinds | undefined,
  context: ExpressionContext,
  options: EvaluateOptions = {},
): Promise<Record<string, unknown>> {
  let known = templated.get(params);
  if (known === undefined) {
    known = Object.keys(params).some(
      (key) => isResolvable(key, kinds) && containsTemplate(params[key]),
    );
    templated.set(params, known);
  }
  if (!known) return params;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = isResolvable(key, kinds) ? await resolveValue(value, context, options) : value;
  }
  return out;
}

/** Resolves one string template: raw value for a lone `{{ }}`, text otherwise. */
export async function resolveTemplate(
  text: string,
  context: ExpressionContext,
  options: EvaluateOptions = {},
): Promise<unknown> {
  let template;
  try {
    template = parseTemplate(text);
  } catch (err) {
    throw toExpressionError(text, err);
  }
  if (template.kind === 'literal') return template.text;
  if (template.kind === 'single') return evaluateExpression(template.expr, context, options);
  let out = '';
  for (const part of template.parts) {
    out +=
      'text' in part
        ? part.text
        : stringifyForTemplate(await evaluateExpression(part.expr, context, options));
  }
  return out;
}

export function isResolvable(key: string, kinds: ParamKinds | undefined): boolean {
  const kind = kinds?.[key];
  return kind === undefined || kind === 'template';
}

function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return hasTemplate(value);
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (isPlainObject(value)) return Object.values(value).some(containsTemplate);
  return false;
}

async function resolveValue(
  value: unknown,
  context: ExpressionContext,
  options: EvaluateOptions,
): Promise<unknown> {
  if (typeof value === 'string') {
    return hasTemplate(value) ? resolveTemplate(value, context, options) : value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await resolveValue(item, context, options));
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = await resolveValue(item, context, options);
    }
    return out;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
