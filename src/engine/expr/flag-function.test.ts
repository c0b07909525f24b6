import { describe, expect, it } from 'vitest';
import { compileFlagSet, type FlagEvaluation } from '../flags/evaluate-flag';
import { flagSchema } from '../flags/flag.schema';
import type { Flags } from '../ports';
import { evaluateExpression } from './evaluate';

const set = compileFlagSet([
  flagSchema.parse({
    key: 'new-pricing',
    kind: 'boolean',
    enabled: true,
    variants: { on: true, off: false },
    defaultVariant: 'off',
    rules: [{ when: [{ attribute: 'country', op: 'in', values: ['DE', 'FR'] }], serve: 'on' }],
  }),
]);
const flags: Flags = { evaluate: async (key, context) => set.evaluate(key, context) };
const context = {
  input: { customerId: 'c1', country: 'DE' },
  steps: {},
  vars: {},
  run: { id: 'r', workflowId: 'w', attempt: 1 },
};

describe('$flag()', () => {
  it('returns the served variant value and tells the caller which variant it was', async () => {
    const seen: FlagEvaluation[] = [];
    const value = await evaluateExpression(
      '$flag("new-pricing", { "targetingKey": input.customerId, "country": input.country })',
      context,
      { flags, onFlag: (e) => seen.push(e) },
    );
    expect(value).toBe(true);
    expect(seen).toEqual([
      { key: 'new-pricing', value: true, variant: 'on', reason: 'TARGETING_MATCH', ruleIndex: 0 },
    ]);
    expect(
      await evaluateExpression('$flag("new-pricing", { "country": "US" }) ? "a" : "b"', context, {
        flags,
      }),
    ).toBe('b');
    expect(await evaluateExpression('$flag("new-pricing")', context, { flags })).toBe(false);
  });

  it('fails with a message naming the flag or the argument', async () => {
    await expect(evaluateExpression('$flag("nope", {})', context, { flags })).rejects.toThrow(
      /Flag "nope" is not defined/,
    );
    await expect(evaluateExpression('$flag("")', context, { flags })).rejects.toThrow(
      /needs a flag key/,
    );
    await expect(
      evaluateExpression('$flag("new-pricing", "DE")', context, { flags }),
    ).rejects.toThrow(/takes an object/);
    await expect(evaluateExpression('$flag("new-pricing", {})', context, {})).rejects.toThrow(
      /Flags are not available here/,
    );
  });
});
