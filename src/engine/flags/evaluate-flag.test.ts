import { describe, expect, it } from 'vitest';
import { compileFlagSet } from './evaluate-flag';
import { flagSchema, segmentSchema, type Condition } from './flag.schema';

const pricing = flagSchema.parse({
  key: 'new-pricing',
  kind: 'boolean',
  enabled: true,
  variants: { on: true, off: false },
  defaultVariant: 'off',
  rules: [
    { when: [{ attribute: 'country', op: 'in', values: ['DE', 'FR'] }], serve: 'on' },
    { serve: { rollout: { on: 30, off: 70 }, by: 'targetingKey' } },
  ],
});

/** A one-rule flag that serves "on" when the condition holds, else "off". */
function onWhen(condition: Condition) {
  const flag = flagSchema.parse({
    key: 'f',
    kind: 'boolean',
    enabled: true,
    variants: { on: true, off: false },
    defaultVariant: 'off',
    rules: [{ when: [condition], serve: 'on' }],
  });
  const set = compileFlagSet(
    [flag],
    [
      segmentSchema.parse({
        key: 'beta',
        when: [{ attribute: 'plan', op: 'equals', values: ['beta'] }],
      }),
    ],
  );
  return (context: Record<string, unknown>) => set.evaluate('f', context).variant === 'on';
}

describe('flag evaluation', () => {
  it('tries rules in order: a targeting match wins over a later rollout', () => {
    const set = compileFlagSet([pricing]);
    expect(set.evaluate('new-pricing', { targetingKey: 'u1', country: 'DE' })).toEqual({
      key: 'new-pricing',
      value: true,
      variant: 'on',
      reason: 'TARGETING_MATCH',
      ruleIndex: 0,
    });
    const other = set.evaluate('new-pricing', { targetingKey: 'u1', country: 'US' });
    expect(other).toMatchObject({ reason: 'SPLIT', ruleIndex: 1 });
  });

  it('the first matching rule serves even when a later one would match too', () => {
    const flag = flagSchema.parse({
      ...pricing,
      rules: [
        { when: [{ attribute: 'tier', op: 'equals', values: ['gold'] }], serve: 'off' },
        { when: [{ attribute: 'tier', op: 'in', values: ['gold', 'silver'] }], serve: 'on' },
      ],
    });
    const set = compileFlagSet([flag]);
    expect(set.evaluate('new-pricing', { tier: 'gold' })).toMatchObject({
      variant: 'off',
      ruleIndex: 0,
    });
    expect(set.evaluate('new-pricing', { tier: 'silver' })).toMatchObject({
      variant: 'on',
      ruleIndex: 1,
    });
    expect(set.evaluate('new-pricing', { tier: 'bronze' })).toMatchObject({
      variant: 'off',
      reason: 'DEFAULT',
    });
  });

  it('a rule without "when" always matches; all conditions of a rule must hold', () => {
    const flag = flagSchema.parse({
      ...pricing,
      rules: [
        {
          when: [
            { attribute: 'country', op: 'equals', values: ['DE'] },
            { attribute: 'age', op: 'gte', values: [18] },
          ],
          serve: 'on',
        },
        { serve: 'off' },
      ],
    });
    const set = compileFlagSet([flag]);
    expect(set.evaluate('new-pricing', { country: 'DE', age: 20 })).toMatchObject({
      variant: 'on',
    });
    expect(set.evaluate('new-pricing', { country: 'DE', age: 10 })).toMatchObject({
      variant: 'off',
      reason: 'TARGETING_MATCH',
      ruleIndex: 1,
    });
  });

  it('a disabled flag serves its default variant whatever the rules say', () => {
    const set = compileFlagSet([{ ...pricing, enabled: false }]);
    expect(set.evaluate('new-pricing', { country: 'DE' })).toEqual({
      key: 'new-pricing',
      value: false,
      variant: 'off',
      reason: 'DISABLED',
    });
  });

  it('an unknown flag is an error evaluation, not an exception', () => {
    expect(compileFlagSet([]).evaluate('nope', {})).toMatchObject({
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
      value: undefined,
    });
  });

  it('a rollout skips contexts that lack its bucketing attribute, and "by" picks the attribute', () => {
    const flag = flagSchema.parse({
      ...pricing,
      rules: [{ serve: { rollout: { on: 100, off: 0 }, by: 'accountId' } }],
    });
    const set = compileFlagSet([flag]);
    expect(set.evaluate('new-pricing', { targetingKey: 'u1' })).toMatchObject({
      reason: 'DEFAULT',
      variant: 'off',
    });
    expect(set.evaluate('new-pricing', { accountId: 'a1' })).toMatchObject({
      reason: 'SPLIT',
      variant: 'on',
    });
    expect(set.evaluate('new-pricing', { accountId: 42 })).toMatchObject({
      reason: 'SPLIT',
      variant: 'on',
    });
  });

  it('explains which rule matched and which condition failed', () => {
    const { evaluation, trace } = compileFlagSet([pricing]).explain('new-pricing', {
      targetingKey: 'u1',
      country: 'US',
    });
    expect(evaluation.ruleIndex).toBe(1);
    expect(trace).toEqual([
      { ruleIndex: 0, matched: false, failedCondition: 0 },
      { ruleIndex: 1, matched: true },
    ]);
    expect(compileFlagSet([pricing]).explain('new-pricing', {}).trace[1]).toEqual({
      ruleIndex: 1,
      matched: false,
      missingAttribute: 'targetingKey',
    });
  });

  it('serves values of every kind', () => {
    const set = compileFlagSet([
      flagSchema.parse({
        key: 's',
        kind: 'string',
        enabled: true,
        variants: { a: 'x' },
        defaultVariant: 'a',
      }),
      flagSchema.parse({
        key: 'n',
        kind: 'number',
        enabled: true,
        variants: { a: 3 },
        defaultVariant: 'a',
      }),
      flagSchema.parse({
        key: 'j',
        kind: 'json',
        enabled: true,
        variants: { a: { k: [1] } },
        defaultVariant: 'a',
      }),
    ]);
    expect(set.evaluate('s', {}).value).toBe('x');
    expect(set.evaluate('n', {}).value).toBe(3);
    expect(set.evaluate('j', {}).value).toEqual({ k: [1] });
  });
});

describe('condition operators', () => {
  const cases: [Condition, Record<string, unknown>[], Record<string, unknown>[]][] = [
    [
      { attribute: 'c', op: 'equals', values: ['DE'] },
      [{ c: 'DE' }],
      [{ c: 'de' }, { c: 'FR' }, {}],
    ],
    [{ attribute: 'n', op: 'equals', values: [3] }, [{ n: 3 }], [{ n: '3' }]],
    [
      { attribute: 'b', op: 'equals', values: [true] },
      [{ b: true }],
      [{ b: 'true' }, { b: false }],
    ],
    [
      { attribute: 'c', op: 'notEquals', values: ['DE'] },
      [{ c: 'FR' }],
      [{ c: 'DE' }, {}, { c: null }],
    ],
    [
      { attribute: 'c', op: 'in', values: ['DE', 'FR'] },
      [{ c: 'DE' }, { c: 'FR' }],
      [{ c: 'US' }, {}],
    ],
    [{ attribute: 'c', op: 'notIn', values: ['DE', 'FR'] }, [{ c: 'US' }], [{ c: 'DE' }, {}]],
    [
      { attribute: 'e', op: 'contains', values: ['@acme.', 'beta'] },
      [{ e: 'jo@acme.com' }, { e: 'beta-user' }, { e: ['x', 'beta'] }],
      [{ e: 'jo@other.com' }, { e: ['betas'] }, { e: 5 }, {}],
    ],
    [
      { attribute: 'e', op: 'startsWith', values: ['adm', 'root'] },
      [{ e: 'admin' }, { e: 'root1' }],
      [{ e: 'xadmin' }, {}],
    ],
    [
      { attribute: 'e', op: 'endsWith', values: ['.de'] },
      [{ e: 'a.de' }],
      [{ e: 'a.dev' }, { e: 1 }],
    ],
    [{ attribute: 'n', op: 'gt', values: [10] }, [{ n: 11 }], [{ n: 10 }, { n: '11' }, {}]],
    [{ attribute: 'n', op: 'gte', values: [10] }, [{ n: 10 }, { n: 10.5 }], [{ n: 9.99 }]],
    [{ attribute: 'n', op: 'lt', values: [10] }, [{ n: -1 }], [{ n: 10 }, { n: null }]],
    [{ attribute: 'n', op: 'lte', values: [10] }, [{ n: 10 }], [{ n: 11 }, { n: Infinity }]],
    [
      { attribute: 'v', op: 'semverEq', values: ['1.2.3'] },
      [{ v: '1.2.3' }, { v: 'v1.2.3' }, { v: '1.2.3+b7' }],
      [{ v: '1.2.4' }, { v: '1.2' }],
    ],
    [
      { attribute: 'v', op: 'semverGt', values: ['1.2.3'] },
      [{ v: '1.10.0' }, { v: '2.0.0-alpha' }, { v: '1.2.4' }],
      [{ v: '1.2.3' }, { v: '1.2.3-rc.1' }, { v: '1.9' }, {}],
    ],
    [
      { attribute: 'v', op: 'semverGte', values: ['1.2.3'] },
      [{ v: '1.2.3' }, { v: '1.3.0' }],
      [{ v: '1.2.2' }],
    ],
    [
      { attribute: 'v', op: 'semverLt', values: ['1.0.0'] },
      [{ v: '1.0.0-rc.1' }, { v: '0.9.9' }, { v: '1.0.0-alpha.beta' }],
      [{ v: '1.0.0' }, { v: '1.0.1' }],
    ],
    [
      { attribute: 'v', op: 'semverLte', values: ['1.0.0-rc.2'] },
      [{ v: '1.0.0-rc.2' }, { v: '1.0.0-rc.1' }, { v: '1.0.0-beta' }],
      [{ v: '1.0.0-rc.10' }],
    ],
    [
      { attribute: 'e', op: 'matches', values: ['^[a-z]+@acme\\.com$'] },
      [{ e: 'jo@acme.com' }],
      [
        { e: 'Jo@acme.com' },
        { e: 'jo@acme.comx' },
        { e: 7 },
        { e: `${'a'.repeat(1000)}@acme.com` },
      ],
    ],
    [
      { attribute: 'plan', op: 'inSegment', values: ['beta', 'missing'] },
      [{ plan: 'beta' }],
      [{ plan: 'pro' }, {}],
    ],
  ];

  it.each(cases)('%j', (condition, matching, notMatching) => {
    const holds = onWhen(condition);
    for (const ctx of matching) expect(holds(ctx), JSON.stringify(ctx)).toBe(true);
    for (const ctx of notMatching) expect(holds(ctx), JSON.stringify(ctx)).toBe(false);
  });

  it('a segment holds a context listed by targeting key or matching its conditions', () => {
    const flag = flagSchema.parse({
      key: 'f',
      kind: 'boolean',
      enabled: true,
      variants: { on: true, off: false },
      defaultVariant: 'off',
      rules: [{ when: [{ attribute: 'x', op: 'inSegment', values: ['staff'] }], serve: 'on' }],
    });
    const staff = segmentSchema.parse({
      key: 'staff',
      targetingKeys: ['u1', '42'],
      when: [{ attribute: 'email', op: 'endsWith', values: ['@acme.com'] }],
    });
    const set = compileFlagSet([flag], [staff]);
    const on = (ctx: Record<string, unknown>) => set.evaluate('f', ctx).variant === 'on';
    expect(on({ targetingKey: 'u1' })).toBe(true);
    expect(on({ targetingKey: 42 })).toBe(true);
    expect(on({ targetingKey: 'u2', email: 'jo@acme.com' })).toBe(true);
    expect(on({ targetingKey: 'u2', email: 'jo@example.com' })).toBe(false);
    const keysOnly = compileFlagSet([flag], [{ key: 'staff', targetingKeys: ['u1'] }]);
    expect(keysOnly.evaluate('f', { targetingKey: 'u2' }).variant).toBe('off');
    expect(keysOnly.evaluate('f', { targetingKey: 'u1' }).variant).toBe('on');
  });

  it('covers every operator', async () => {
    const { conditionOps } = await import('./flag.schema');
    expect(new Set(cases.map(([c]) => c.op))).toEqual(new Set(conditionOps));
  });
});
