import { MAX_MATCHED_LENGTH } from './bounded-pattern';
import type { Condition } from './flag.schema';
import { compareSemver, parseSemver } from './semver';

/** A condition prepared once per flag set: patterns compiled, semantic versions parsed. */
export type CompiledCondition = (
  context: EvaluationContext,
  inSegment: (key: string) => boolean,
) => boolean;

export type EvaluationContext = Record<string, unknown>;

export function compileCondition(c: Condition): CompiledCondition {
  const values = c.values;
  const first = values[0];
  const attr = c.attribute;
  const str = (ctx: EvaluationContext) => {
    const v = ctx[attr];
    return typeof v === 'string' ? v : undefined;
  };
  const num = (ctx: EvaluationContext) => {
    const v = ctx[attr];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const present = (ctx: EvaluationContext) => ctx[attr] !== undefined && ctx[attr] !== null;
  const strings = values.filter((v): v is string => typeof v === 'string');
  switch (c.op) {
    case 'equals':
      return (ctx) => ctx[attr] === first;
    case 'notEquals':
      return (ctx) => present(ctx) && ctx[attr] !== first;
    case 'in':
      return (ctx) => values.includes(ctx[attr] as string);
    case 'notIn':
      return (ctx) => present(ctx) && !values.includes(ctx[attr] as string);
    case 'contains':
      return (ctx) => {
        const v = ctx[attr];
        if (typeof v === 'string') return strings.some((s) => v.includes(s));
        return Array.isArray(v) && strings.some((s) => v.includes(s));
      };
    case 'startsWith':
      return (ctx) => {
        const v = str(ctx);
        return v !== undefined && strings.some((s) => v.startsWith(s));
      };
    case 'endsWith':
      return (ctx) => {
        const v = str(ctx);
        return v !== undefined && strings.some((s) => v.endsWith(s));
      };
    case 'gt':
      return (ctx) => (num(ctx) ?? NaN) > (first as number);
    case 'gte':
      return (ctx) => (num(ctx) ?? NaN) >= (first as number);
    case 'lt':
      return (ctx) => (num(ctx) ?? NaN) < (first as number);
    case 'lte':
      return (ctx) => (num(ctx) ?? NaN) <= (first as number);
    case 'semverEq':
      return semver(str, String(first), (d) => d === 0);
    case 'semverGt':
      return semver(str, String(first), (d) => d > 0);
    case 'semverGte':
      return semver(str, String(first), (d) => d >= 0);
    case 'semverLt':
      return semver(str, String(first), (d) => d < 0);
    case 'semverLte':
      return semver(str, String(first), (d) => d <= 0);
    case 'matches': {
      const pattern = new RegExp(String(first), 'u');
      return (ctx) => {
        const v = str(ctx);
        return v !== undefined && v.length <= MAX_MATCHED_LENGTH && pattern.test(v);
      };
    }
    case 'inSegment':
      return (_ctx, inSegment) => strings.some((key) => inSegment(key));
  }
}

function semver(
  str: (ctx: EvaluationContext) => string | undefined,
  expected: string,
  holds: (difference: number) => boolean,
): CompiledCondition {
  const target = parseSemver(expected);
  return (ctx) => {
    const v = str(ctx);
    const actual = v === undefined ? undefined : parseSemver(v);
    return actual !== undefined && target !== undefined && holds(compareSemver(actual, target));
  };
}
