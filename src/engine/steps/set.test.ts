import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { setStep } from './set';

describe('set step', () => {
  it('outputs the (already resolved) values', async () => {
    const values = { name: 'Ada', count: 3, nested: { ok: true } };
    expect(await setStep.execute(setStep.params.parse({ values }), fakeContext())).toEqual({
      output: values,
    });
    expect(await setStep.execute(setStep.params.parse({}), fakeContext())).toEqual({ output: {} });
    expect(setStep.inline).toBe(true);
  });

  it('rejects values that are not an object', () => {
    expect(setStep.params.safeParse({ values: [1, 2] }).success).toBe(false);
    expect(setStep.params.safeParse({ values: 'x' }).success).toBe(false);
  });
});
