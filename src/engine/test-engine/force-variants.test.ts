import { describe, expect, it } from 'vitest';
import { compileFlagSet } from '../flags/evaluate-flag';
import { flagSchema } from '../flags/flag.schema';
import type { Sandbox } from '../ports';
import { defaultRegistry } from '../steps/registry';
import { buildWorkflow } from '../testing/build-workflow';
import { runTestCase } from './run-test-case';
import { testCaseSchema, type TestCase } from './test-file.schema';

const noSandbox: Sandbox = { run: () => Promise.reject(new Error('no sandbox here')) };

const workflow = buildWorkflow(
  {
    start: 'manual',
    exp: { type: 'split', params: { key: 'input.customerId' } },
    gate: {
      type: 'if',
      params: { condition: '$flag("new-pricing", { "targetingKey": input.customerId })' },
    },
    newPrice: { type: 'set', params: { values: { price: 90 } } },
    oldPrice: { type: 'set', params: { values: { price: 100 } } },
    other: { type: 'noop' },
  },
  [
    'start -> exp',
    'exp:a -> gate',
    'exp:b -> other',
    'gate:true -> newPrice',
    'gate:false -> oldPrice',
  ],
);

const flags = compileFlagSet([
  flagSchema.parse({
    key: 'new-pricing',
    kind: 'boolean',
    enabled: true,
    variants: { on: true, off: false },
    defaultVariant: 'off',
  }),
]);

const run = (testCase: Omit<TestCase, 'name'>, withFlags = true) =>
  runTestCase({
    workflow,
    workflowId: 'checkout',
    testCase: testCaseSchema.parse({ name: 'case', input: { customerId: 'c1' }, ...testCase }),
    registry: defaultRegistry,
    sandbox: noSandbox,
    ...(withFlags ? { flags } : {}),
  });

describe('test cases forcing variants', () => {
  it('force a split step onto a variant and a flag onto a variant by name', async () => {
    const outcome = await run({
      split: { exp: 'a' },
      flags: { 'new-pricing': 'on' },
      expect: { steps: { newPrice: { status: 'succeeded' }, other: { status: 'skipped' } } },
    });
    expect(outcome.failures).toEqual([]);
    const b = await run({
      split: { exp: 'b' },
      expect: { steps: { other: { status: 'succeeded' } } },
    });
    expect(b.failures).toEqual([]);
  });

  it('force a flag with its value where its definition is not at hand', async () => {
    const outcome = await run(
      {
        split: { exp: 'a' },
        flags: { 'new-pricing': { variant: 'off', value: false } },
        expect: { steps: { oldPrice: { status: 'succeeded' } } },
      },
      false,
    );
    expect(outcome.failures).toEqual([]);
  });

  it('evaluates unforced flags from their definition, and names flags it cannot serve', async () => {
    expect(
      (await run({ split: { exp: 'a' }, expect: { steps: { oldPrice: { status: 'succeeded' } } } }))
        .passed,
    ).toBe(true);
    const missing = await run({ split: { exp: 'a' } }, false);
    expect(missing.error?.message).toMatch(/Flag "new-pricing" is not forced in this test case/);
    const byName = await run({ split: { exp: 'a' }, flags: { 'new-pricing': 'on' } }, false);
    expect(byName.error?.message).toMatch(/force it with \{ "variant": "on", "value": … \}/);
    const unknown = await run({ split: { exp: 'a' }, flags: { 'new-pricing': 'maybe' } });
    expect(unknown.error?.message).toMatch(/has no variant "maybe"/);
  });

  it('rejects a forced split variant the step does not have', async () => {
    const outcome = await run({ split: { exp: 'c' } });
    expect(outcome.error?.message).toMatch(/split\.exp: "c" is not one of its variants \(a, b\)/);
  });
});
