import { expressionSyntaxError } from './compile';
import { ExpressionError } from './expression-error';
import { LruCache } from './lru';

/**
 * `{{ expr }}` templates inside string params. A string that is exactly one template yields
 * the expression's raw value (so `"{{ input.items }}"` stays an array); any other mix is
 * text. `\{{` writes a literal `{{` for the rare param that needs one (e.g. an HTML body).
 */
export type TemplatePart = { text: string } | { expr: string };

export type Template =
  | { kind: 'literal'; text: string }
  | { kind: 'single'; expr: string }
  | { kind: 'mixed'; parts: TemplatePart[] };

const cache = new LruCache<string, Template>(5_000);

export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}

/** Splits `text` into literal and expression parts (cached); throws on `{{` without `}}`. */
export function parseTemplate(text: string): Template {
  if (!hasTemplate(text)) return { kind: 'literal', text };
  const hit = cache.get(text);
  if (hit) return hit;
  const parsed = scan(text);
  cache.set(text, parsed);
  return parsed;
}

function scan(text: string): Template {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\{{', i)) {
      literal += '{{';
      i += 3;
      continue;
    }
    if (!text.startsWith('{{', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    const end = findClose(text, i + 2);
    if (end < 0) throw new ExpressionError(text, 'unclosed "{{" (missing "}}")', i);
    const expr = text.slice(i + 2, end).trim();
    if (expr === '') throw new ExpressionError(text, 'empty "{{ }}"', i);
    if (literal !== '') parts.push({ text: literal });
    literal = '';
    parts.push({ expr });
    i = end + 2;
  }
  if (literal !== '') parts.push({ text: literal });
  const only = parts[0];
  if (parts.length === 1 && only && 'expr' in only) return { kind: 'single', expr: only.expr };
  if (parts.every((p) => 'text' in p)) return { kind: 'literal', text: literal };
  return { kind: 'mixed', parts };
}

/**
 * The JSONata an expression field (If condition, Switch case, Transform, For Each items)
 * holds. The saved format lets any string hold templates, so such a field may be written
 * bare (`input.n > 5`) or wrapped in one template (`{{ input.n > 5 }}`); both mean the same
 * expression. Text that mixes templates with other text, or holds several, is no single
 * expression: that throws, saying how to write it.
 */
export function unwrapExpression(text: string): string {
  if (!hasTemplate(text)) return text;
  let template: Template;
  try {
    template = parseTemplate(text.trim());
  } catch {
    // Not a well-formed template: JSONata reports its own syntax error.
    return text;
  }
  if (template.kind === 'single') return template.expr;
  // Valid JSONata may hold "{{" itself (an object constructor inside a block).
  if (template.kind === 'literal' || !expressionSyntaxError(text)) return text;
  throw new ExpressionError(text, NOT_ONE_EXPRESSION);
}

const NOT_ONE_EXPRESSION =
  'Not one expression: write it bare or wrapped in a single "{{ }}", not mixed with text or ' +
  'other templates';

/** What is wrong with an expression field's text (see unwrapExpression), if anything. */
export function expressionFieldError(text: string): string | undefined {
  let source: string;
  try {
    source = unwrapExpression(text);
  } catch (err) {
    return err instanceof ExpressionError ? err.reason : String(err);
  }
  return expressionSyntaxError(source);
}

/**
 * Finds the `}}` that closes a template, skipping braces of JSONata object constructors and
 * anything inside strings or comments, so `{{ {"a": {"b": 1}} }}` is one expression.
 */
function findClose(text: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0 && text[i + 1] === '}') return i;
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/** How a value lands inside a mixed template: text as is, other values as JSON. */
export function stringifyForTemplate(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return '';
  return JSON.stringify(value) ?? '';
}
