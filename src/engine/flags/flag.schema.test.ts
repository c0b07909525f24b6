import { describe, expect, it } from 'vitest';
import { checkBoundedPattern } from './bounded-pattern';
import { flagSchema, segmentSchema } from './flag.schema';

const base = {
  key: 'new-pricing',
  kind: 'boolean',
  enabled: true,
  variants: { on: true, off: false },
  defaultVariant: 'off',
};

function issue(doc: unknown) {
  const result = flagSchema.safeParse(doc);
  expect(result.success).toBe(false);
  const first = result.error!.issues[0]!;
  return { path: first.path.join('.'), message: first.message };
}

describe('flag document', () => {
  it('accepts the documented example', () => {
    expect(
      flagSchema.parse({
        ...base,
        rules: [
          { when: [{ attribute: 'country', op: 'in', values: ['DE', 'FR'] }], serve: 'on' },
          { serve: { rollout: { on: 30, off: 70 }, by: 'targetingKey' } },
        ],
      }).rules,
    ).toHaveLength(2);
  });

  it('names the field and the problem of a bad document', () => {
    expect(issue({ ...base, key: 'bad key' }).path).toBe('key');
    expect(issue({ ...base, defaultVariant: 'maybe' })).toEqual({
      path: 'defaultVariant',
      message: 'Unknown variant "maybe"',
    });
    expect(issue({ ...base, variants: { on: 'yes', off: false } })).toEqual({
      path: 'variants.on',
      message: "A boolean flag's variants hold booleans",
    });
    expect(issue({ ...base, rules: [{ serve: 'maybe' }] }).path).toBe('rules.0.serve');
    expect(issue({ ...base, rules: [{ serve: { rollout: { on: 30, off: 60 } } }] }).message).toBe(
      'Rollout percentages add up to 100',
    );
    expect(issue({ ...base, rules: [{ serve: { rollout: { on: 30, x: 70 } } }] }).path).toBe(
      'rules.0.serve.rollout.x',
    );
    expect(
      issue({
        ...base,
        rules: [{ when: [{ attribute: 'a', op: 'equals', values: [1, 2] }], serve: 'on' }],
      }),
    ).toEqual({
      path: 'rules.0.when.0.values',
      message: '"equals" compares with exactly one value',
    });
    expect(
      issue({
        ...base,
        rules: [{ when: [{ attribute: 'a', op: 'gt', values: ['1'] }], serve: 'on' }],
      }).message,
    ).toBe('"gt" compares with a number');
    expect(
      issue({
        ...base,
        rules: [{ when: [{ attribute: 'a', op: 'semverGt', values: ['one'] }], serve: 'on' }],
      }).message,
    ).toMatch(/semantic version/);
    expect(
      issue({
        ...base,
        rules: [{ when: [{ attribute: 'a', op: 'matches', values: ['(a+)+$'] }], serve: 'on' }],
      }).message,
    ).toMatch(/repeat a group/);
    expect(
      issue({
        ...base,
        rules: [{ when: [{ attribute: 'a', op: 'like', values: ['x'] }], serve: 'on' }],
      }).path,
    ).toBe('rules.0.when.0.op');
  });

  it('bounds regular expressions', () => {
    expect(checkBoundedPattern('^[a-z]+@acme\\.com$')).toBeUndefined();
    expect(checkBoundedPattern('^(ab)+$')).toBeUndefined();
    expect(checkBoundedPattern('(a+)+')).toMatch(/repeat a group/);
    expect(checkBoundedPattern('(a|(b*))*')).toMatch(/repeat a group/);
    expect(checkBoundedPattern('([a+]b)+')).toBeUndefined();
    expect(checkBoundedPattern('(\\w)\\1')).toMatch(/back-references/);
    expect(checkBoundedPattern('a(?=b)')).toMatch(/lookaround/);
    expect(checkBoundedPattern('a'.repeat(201))).toMatch(/at most 200/);
    expect(checkBoundedPattern('(')).toMatch(/not a valid regular expression/);
  });

  it('segments hold conditions but no other segment', () => {
    expect(
      segmentSchema.safeParse({
        key: 'beta',
        when: [{ attribute: 'plan', op: 'equals', values: ['b'] }],
      }).success,
    ).toBe(true);
    expect(
      segmentSchema.safeParse({
        key: 'beta',
        when: [{ attribute: 'plan', op: 'inSegment', values: ['b'] }],
      }).success,
    ).toBe(false);
  });

  it('segments list targeting keys, conditions or both, never neither', () => {
    expect(segmentSchema.safeParse({ key: 'staff', targetingKeys: ['u1'] }).success).toBe(true);
    const empty = segmentSchema.safeParse({ key: 'staff', when: [], targetingKeys: [] });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]).toMatchObject({
      path: ['when'],
      message: 'A segment has at least one condition or one targeting key',
    });
    expect(segmentSchema.safeParse({ key: 'staff', targetingKeys: [''] }).success).toBe(false);
  });
});
