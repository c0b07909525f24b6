import { z } from 'zod';
import { checkBoundedPattern } from './bounded-pattern';

/**
 * The saved format of a feature flag: a public contract (kept in git, `PUT /api/v1/flags/{key}`),
 * so fields are only ever added, never renamed.
 */

export const flagKeyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const flagKey = z
  .string()
  .regex(
    flagKeyPattern,
    'Keys are 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

export const flagKinds = ['boolean', 'string', 'number', 'json'] as const;
export type FlagKind = (typeof flagKinds)[number];

/** Operators that compare the attribute with exactly one value. */
export const singleValueOps = [
  'equals',
  'notEquals',
  'gt',
  'gte',
  'lt',
  'lte',
  'semverEq',
  'semverGt',
  'semverGte',
  'semverLt',
  'semverLte',
  'matches',
] as const;
/** Operators that hold when the attribute meets any of the values. */
export const anyValueOps = [
  'in',
  'notIn',
  'contains',
  'startsWith',
  'endsWith',
  'inSegment',
] as const;
export const conditionOps = [...singleValueOps, ...anyValueOps] as const;
export type ConditionOp = (typeof conditionOps)[number];

const numericOps: readonly ConditionOp[] = ['gt', 'gte', 'lt', 'lte'];
const semverOps: readonly ConditionOp[] = [
  'semverEq',
  'semverGt',
  'semverGte',
  'semverLt',
  'semverLte',
];

const attributeName = z
  .string()
  .min(1, 'Attribute is required')
  .max(100, 'Attribute names are at most 100 characters');

export const conditionSchema = z
  .object({
    attribute: attributeName,
    op: z.enum(conditionOps),
    values: z
      .array(z.union([z.string().max(1000), z.number(), z.boolean()]))
      .min(1, 'At least one value is required')
      .max(1000, 'At most 1000 values'),
  })
  .superRefine((c, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['values'], message });
    if ((singleValueOps as readonly string[]).includes(c.op) && c.values.length !== 1) {
      fail(`"${c.op}" compares with exactly one value`);
      return;
    }
    const first = c.values[0];
    if (numericOps.includes(c.op) && typeof first !== 'number')
      fail(`"${c.op}" compares with a number`);
    if (
      semverOps.includes(c.op) &&
      (typeof first !== 'string' || !/^v?\d+\.\d+\.\d+/.test(first))
    ) {
      fail(`"${c.op}" compares with a semantic version such as "1.4.0"`);
    }
    if (c.op === 'matches') {
      const problem =
        typeof first === 'string' ? checkBoundedPattern(first) : 'needs a pattern (a string)';
      if (problem) fail(`"matches" ${problem}`);
    }
    if (
      ['contains', 'startsWith', 'endsWith', 'inSegment'].includes(c.op) &&
      c.values.some((v) => typeof v !== 'string')
    ) {
      fail(`"${c.op}" takes strings`);
    }
  });
export type Condition = z.infer<typeof conditionSchema>;

export const rolloutSchema = z.object({
  rollout: z
    .record(
      z.string(),
      z.number().min(0, 'Percentages are 0 to 100').max(100, 'Percentages are 0 to 100'),
    )
    .refine((r) => Object.keys(r).length > 0, 'A rollout names at least one variant')
    .refine(
      (r) => Math.abs(Object.values(r).reduce((a, b) => a + b, 0) - 100) < 1e-9,
      'Rollout percentages add up to 100',
    ),
  /** The context attribute that buckets contexts (default `targetingKey`). */
  by: attributeName.optional(),
});
export type Rollout = z.infer<typeof rolloutSchema>;

export const ruleSchema = z.object({
  /** All conditions must hold; a rule without `when` always matches. */
  when: z.array(conditionSchema).max(50, 'At most 50 conditions per rule').optional(),
  serve: z.union([z.string().min(1, 'Serve names a variant'), rolloutSchema]),
});
export type FlagRule = z.infer<typeof ruleSchema>;

const valueOfKind: Record<FlagKind, (v: unknown) => boolean> = {
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  json: (v) => v !== undefined,
};

export const flagSchema = z
  .object({
    key: flagKey,
    description: z.string().max(2000).optional(),
    kind: z.enum(flagKinds),
    enabled: z.boolean(),
    variants: z
      .record(z.string().min(1).max(100), z.json())
      .refine((v) => Object.keys(v).length > 0, 'A flag has at least one variant')
      .refine((v) => Object.keys(v).length <= 100, 'At most 100 variants'),
    defaultVariant: z.string().min(1, 'Default variant is required'),
    rules: z.array(ruleSchema).max(100, 'At most 100 rules').default([]),
  })
  .superRefine((flag, ctx) => {
    const known = new Set(Object.keys(flag.variants));
    const unknown = (path: (string | number)[], name: string) =>
      ctx.addIssue({ code: 'custom', path, message: `Unknown variant "${name}"` });
    for (const [name, value] of Object.entries(flag.variants)) {
      if (!valueOfKind[flag.kind](value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', name],
          message: `A ${flag.kind} flag's variants hold ${flag.kind === 'json' ? 'JSON' : `${flag.kind}s`}`,
        });
      }
    }
    if (!known.has(flag.defaultVariant)) unknown(['defaultVariant'], flag.defaultVariant);
    flag.rules.forEach((rule, i) => {
      if (typeof rule.serve === 'string') {
        if (!known.has(rule.serve)) unknown(['rules', i, 'serve'], rule.serve);
        return;
      }
      for (const name of Object.keys(rule.serve.rollout)) {
        if (!known.has(name)) unknown(['rules', i, 'serve', 'rollout', name], name);
      }
    });
  });
export type Flag = z.infer<typeof flagSchema>;

/**
 * A named set of contexts, referred to by the `inSegment` operator. A context belongs to it when
 * its `targetingKey` is one of `targetingKeys` (people picked by hand) or when all `when`
 * conditions hold (people described by attributes); a segment has at least one of the two.
 */
export const segmentSchema = z
  .object({
    key: flagKey,
    description: z.string().max(2000).optional(),
    when: z
      .array(conditionSchema)
      .max(50, 'At most 50 conditions per segment')
      .refine(
        (w) => w.every((c) => c.op !== 'inSegment'),
        'Segments cannot refer to other segments',
      )
      .optional(),
    targetingKeys: z
      .array(z.string().min(1, 'Targeting keys are not empty').max(200))
      .max(10_000, 'At most 10000 targeting keys')
      .optional(),
  })
  .superRefine((segment, ctx) => {
    if (!segment.when?.length && !segment.targetingKeys?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['when'],
        message: 'A segment has at least one condition or one targeting key',
      });
    }
  });
export type Segment = z.infer<typeof segmentSchema>;
