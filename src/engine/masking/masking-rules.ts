import { builtinTextRules } from './builtin-rules';
import { parsePathPattern, type PathPattern } from './path-pattern';
import { secretForms } from './secret-forms';
import { regexRule, valuesRule, type TextRule } from './text-rule';

export type CustomRuleKind = 'pattern' | 'path';

export interface CustomRule {
  name: string;
  kind: CustomRuleKind;
  /** A regular expression (pattern) or a path such as `**.password` (path). */
  expression: string;
}

/** A workspace's masking, as stored: built-ins switched on and its own rules. */
export interface MaskingConfig {
  builtins: readonly string[];
  custom: readonly CustomRule[];
  /** The workspace's credential values: masked in every encoded form when `credentials` is on. */
  secrets?: Iterable<string>;
}

export interface PathRule {
  name: string;
  pattern: PathPattern;
}

/** Rules ready for the walker: over text (values, keys) and over field paths. */
export interface CompiledMasking {
  text: readonly TextRule[];
  paths: readonly PathRule[];
}

export const NO_MASKING: CompiledMasking = { text: [], paths: [] };

const MAX_PATTERN_LENGTH = 500;

/**
 * Why a custom rule cannot be used, or undefined. Patterns run over every stored value, so
 * one whose quantified group is quantified again (`(a+)+`, the shape of catastrophic
 * backtracking) is refused, as are patterns that match the empty text.
 */
export function customRuleProblem(kind: CustomRuleKind, expression: string): string | undefined {
  if (kind === 'path') {
    const parsed = parsePathPattern(expression);
    return 'error' in parsed ? parsed.error : undefined;
  }
  if (expression.length > MAX_PATTERN_LENGTH) {
    return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(expression, 'u');
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
  if (/\((?:[^()\\]|\\.)*[+*}]\)\s*[+*{]/.test(expression)) {
    return 'repeats a repeated group, which can take exponential time';
  }
  if (regex.test('')) return 'matches empty text';
  return undefined;
}

/** Text rules for exact values in all their encoded forms, under one rule name. */
export function secretValuesRule(
  name: string,
  secrets: Iterable<string>,
  label?: string,
): TextRule {
  return valuesRule(name, [...secrets].flatMap(secretForms), label);
}

/** Compiles a workspace's masking; rules that no longer pass their check are skipped. */
export function compileMasking(config: MaskingConfig): CompiledMasking {
  const text: TextRule[] = [];
  const paths: PathRule[] = [];
  if (config.builtins.includes('credentials') && config.secrets) {
    text.push(secretValuesRule('credentials', config.secrets));
  }
  text.push(...builtinTextRules(config.builtins));
  for (const rule of config.custom) {
    if (customRuleProblem(rule.kind, rule.expression)) continue;
    if (rule.kind === 'path') {
      paths.push({ name: rule.name, pattern: parsePathPattern(rule.expression) as PathPattern });
    } else {
      text.push(regexRule(rule.name, new RegExp(rule.expression, 'gu')));
    }
  }
  return { text, paths };
}
