import { expressionSyntaxError } from './compile';
import { isPlainObject, isResolvable, type ParamKinds } from './resolve-params';
import { expressionFieldError, hasTemplate, parseTemplate } from './template';

export interface ParamExpressionIssue {
  /** Path inside params, e.g. `['headers', 'Authorization']`. */
  path: (string | number)[];
  message: string;
}

/**
 * Every expression in `params` that does not parse: `{{ }}` templates anywhere in resolvable
 * strings, and whole top-level params of kind 'expression'. Used by validation so the
 * designer flags a typo before the workflow runs.
 */
export function checkParamExpressions(
  params: Record<string, unknown>,
  kinds: ParamKinds | undefined,
): ParamExpressionIssue[] {
  const issues: ParamExpressionIssue[] = [];
  for (const [key, value] of Object.entries(params)) {
    const kind = kinds?.[key];
    if (kind === 'expression') {
      if (typeof value === 'string' && value.trim() !== '') {
        const error = expressionFieldError(value);
        if (error) issues.push({ path: [key], message: error });
      }
    } else if (isResolvable(key, kinds)) {
      walk(value, [key], issues);
    }
  }
  return issues;
}

function walk(value: unknown, path: (string | number)[], issues: ParamExpressionIssue[]): void {
  if (typeof value === 'string') {
    if (hasTemplate(value)) checkTemplate(value, path, issues);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...path, i], issues));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key], issues);
  }
}

function checkTemplate(text: string, path: (string | number)[], issues: ParamExpressionIssue[]) {
  let template;
  try {
    template = parseTemplate(text);
  } catch (err) {
    issues.push({ path, message: (err as Error).message });
    return;
  }
  const exprs =
    template.kind === 'single'
      ? [template.expr]
      : template.kind === 'mixed'
        ? template.parts.flatMap((p) => ('expr' in p ? [p.expr] : []))
        : [];
  for (const expr of exprs) {
    const error = expressionSyntaxError(expr);
    if (error) issues.push({ path, message: error });
  }
}
