import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { transformStep } from './transform';

describe('transform step', () => {
  it('outputs the value of the expression', async () => {
    const ctx = fakeContext({
      input: {
        items: [
          { price: 5, qty: 2 },
          { price: 20, qty: 1 },
        ],
      },
      vars: { vat: 0.5 },
    });
    const p = transformStep.params.parse({
      expression: '{ "total": $sum(input.items.(price * qty)) * (1 + vars.vat) }',
    });
    expect(await transformStep.execute(p, ctx)).toEqual({
      output: { total: 45 },
    });
    const none = transformStep.params.parse({ expression: 'input.missing' });
    expect(await transformStep.execute(none, ctx)).toEqual({ output: null });
  });

  it('rejects a missing or empty expression (syntax is checked by workflow validation)', () => {
    expect(transformStep.params.safeParse({}).success).toBe(false);
    expect(transformStep.params.safeParse({ expression: '' }).success).toBe(false);
    expect(transformStep.paramKinds).toEqual({ expression: 'expression' });
  });
});
