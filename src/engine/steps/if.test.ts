import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { ifStep } from './if';

describe('if step', () => {
  const ctx = (amount: unknown) =>
    fakeContext({ input: { amount }, predecessors: { trigger: { amount } } });

  it('takes the true or false port and passes its input through', async () => {
    const p = ifStep.params.parse({ condition: 'input.amount > 100' });
    expect(await ifStep.execute(p, ctx(500))).toEqual({
      output: { amount: 500 },
      port: 'true',
    });
    expect(await ifStep.execute(p, ctx(5))).toEqual({
      output: { amount: 5 },
      port: 'false',
    });
    expect(ifStep.ports(p)).toEqual(['true', 'false']);
  });

  it('casts values like $boolean', async () => {
    const cases: [string, string][] = [
      ['input.amount', 'false'],
      ['""', 'false'],
      ['"x"', 'true'],
      ['0', 'false'],
      ['[]', 'false'],
      ['[0, 1]', 'true'],
      ['{}', 'false'],
      ['{"a": 1}', 'true'],
    ];
    for (const [condition, port] of cases) {
      const result = await ifStep.execute(ifStep.params.parse({ condition }), ctx(undefined));
      expect(result, condition).toMatchObject({ port });
    }
  });

  it('rejects a missing condition', () => {
    expect(ifStep.params.safeParse({}).success).toBe(false);
    expect(ifStep.params.safeParse({ condition: '' }).success).toBe(false);
    expect(ifStep.paramKinds).toEqual({ condition: 'expression' });
  });
});
