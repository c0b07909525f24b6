import { bucketOf, pickByWeight } from './fnv1a';
import type { Flag, FlagRule, Segment } from './flag.schema';
import {
  compileCondition,
  type CompiledCondition,
  type EvaluationContext,
} from './match-condition';

/** Reasons as the OpenFeature specification names them. */
export type EvaluationReason =
  'DISABLED' | 'TARGETING_MATCH' | 'SPLIT' | 'DEFAULT' | 'STATIC' | 'ERROR';
export type EvaluationErrorCode = 'FLAG_NOT_FOUND' | 'TYPE_MISMATCH' | 'TARGETING_KEY_MISSING';

export interface FlagEvaluation {
  key: string;
  value: unknown;
  variant?: string;
  reason: EvaluationReason;
  /** Index of the rule that served the variant. */
  ruleIndex?: number;
  errorCode?: EvaluationErrorCode;
  errorMessage?: string;
}

/** Why each rule did or did not serve, for the "try it" panel. */
export interface RuleTrace {
  ruleIndex: number;
  matched: boolean;
  /** The first condition that failed. */
  failedCondition?: number;
  /** Set when a rollout could not bucket because the context lacks the attribute. */
  missingAttribute?: string;
}

interface CompiledRule {
  conditions: CompiledCondition[];
  serve: string | { variants: { name: string; weight: number }[]; by: string };
}

interface CompiledFlag {
  flag: Flag;
  rules: CompiledRule[];
}

/**
 * A workspace's flags and segments prepared for evaluation: conditions are compiled once, so an
 * evaluation is a walk over closures (microseconds), and the set is rebuilt only when a flag
 * or segment changes.
 */
export interface FlagSet {
  has(key: string): boolean;
  keys(): string[];
  get(key: string): Flag | undefined;
  evaluate(key: string, context: EvaluationContext): FlagEvaluation;
  explain(
    key: string,
    context: EvaluationContext,
  ): { evaluation: FlagEvaluation; trace: RuleTrace[] };
}

export function compileFlagSet(flags: readonly Flag[], segments: readonly Segment[] = []): FlagSet {
  const compiledSegments = new Map(segments.map((s) => [s.key, compileSegment(s)]));
  const byKey = new Map<string, CompiledFlag>(
    flags.map((f) => [f.key, { flag: f, rules: f.rules.map(compileRule) }]),
  );

  const inSegmentFor = (context: EvaluationContext) => (key: string) => {
    const segment = compiledSegments.get(key);
    return segment !== undefined && segment(context);
  };

  const run = (key: string, context: EvaluationContext, trace?: RuleTrace[]): FlagEvaluation => {
    const compiled = byKey.get(key);
    if (!compiled) {
      return {
        key,
        value: undefined,
        reason: 'ERROR',
        errorCode: 'FLAG_NOT_FOUND',
        errorMessage: `Flag "${key}" is not defined`,
      };
    }
    const { flag, rules } = compiled;
    if (!flag.enabled) return served(flag, flag.defaultVariant, 'DISABLED');
    const inSegment = inSegmentFor(context);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      const failed = rule.conditions.findIndex((c) => !c(context, inSegment));
      if (failed !== -1) {
        trace?.push({ ruleIndex: i, matched: false, failedCondition: failed });
        continue;
      }
      if (typeof rule.serve === 'string') {
        trace?.push({ ruleIndex: i, matched: true });
        return { ...served(flag, rule.serve, 'TARGETING_MATCH'), ruleIndex: i };
      }
      const bucketValue = context[rule.serve.by];
      if (typeof bucketValue !== 'string' && typeof bucketValue !== 'number') {
        trace?.push({ ruleIndex: i, matched: false, missingAttribute: rule.serve.by });
        continue;
      }
      const picked = pickByWeight(rule.serve.variants, bucketOf(flag.key, String(bucketValue)));
      if (!picked) continue;
      trace?.push({ ruleIndex: i, matched: true });
      return { ...served(flag, picked.name, 'SPLIT'), ruleIndex: i };
    }
    return served(flag, flag.defaultVariant, 'DEFAULT');
  };

  return {
    has: (key) => byKey.has(key),
    keys: () => [...byKey.keys()],
    get: (key) => byKey.get(key)?.flag,
    evaluate: (key, context) => run(key, context),
    explain: (key, context) => {
      const trace: RuleTrace[] = [];
      return { evaluation: run(key, context, trace), trace };
    },
  };
}

function compileSegment(segment: Segment): (context: EvaluationContext) => boolean {
  const keys = new Set(segment.targetingKeys ?? []);
  const conditions = (segment.when ?? []).map(compileCondition);
  const noSegment = () => false;
  return (context) => {
    const key = context.targetingKey;
    if ((typeof key === 'string' || typeof key === 'number') && keys.has(String(key))) return true;
    return conditions.length > 0 && conditions.every((c) => c(context, noSegment));
  };
}

function compileRule(rule: FlagRule): CompiledRule {
  const conditions = (rule.when ?? []).map(compileCondition);
  if (typeof rule.serve === 'string') return { conditions, serve: rule.serve };
  return {
    conditions,
    serve: {
      variants: Object.entries(rule.serve.rollout).map(([name, weight]) => ({ name, weight })),
      by: rule.serve.by ?? 'targetingKey',
    },
  };
}

function served(flag: Flag, variant: string, reason: EvaluationReason): FlagEvaluation {
  return { key: flag.key, value: flag.variants[variant], variant, reason };
}
