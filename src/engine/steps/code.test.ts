import { describe, expect, it } from 'vitest';
import { codeStep } from './code';
import { fakeContext } from './fake-context';
import { StepError } from './step-type';

describe('code step', () => {
  it('runs the code in the sandbox with input, steps and vars, and the limits', async () => {
    const ctx = fakeContext({
      input: { n: 2 },
      steps: { a: 1 },
      vars: { v: true },
      sandbox: (_code, scope) => ({
        doubled: (scope.input as { n: number }).n * 2,
      }),
    });
    const p = codeStep.params.parse({
      code: 'return { doubled: input.n * 2 };',
    });
    expect(await codeStep.execute(p, ctx)).toEqual({ output: { doubled: 4 } });
    expect(ctx.sandboxCalls).toEqual([
      {
        code: 'return { doubled: input.n * 2 };',
        scope: { input: { n: 2 }, steps: { a: 1 }, vars: { v: true } },
        limits: { timeoutMs: 1000, memoryMb: 64 },
      },
    ]);
    expect(codeStep.paramKinds).toEqual({ code: 'code' });
  });

  it('reports sandbox failures as non-retryable step errors with their message', async () => {
    const ctx = fakeContext({
      sandbox: () => {
        throw new Error('Code step timed out after 1000 ms');
      },
    });
    const err: unknown = await codeStep
      .execute(codeStep.params.parse({ code: 'while(true){}' }), ctx)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(StepError);
    expect(err).toMatchObject({
      message: 'Code step timed out after 1000 ms',
      options: { retryable: false },
    });
  });

  it('rejects bad params', () => {
    for (const bad of [
      {},
      { code: '' },
      { code: 'x', timeoutMs: 0 },
      { code: 'x', memoryMb: 4 },
      { code: 'x', memoryMb: 4096 },
    ]) {
      expect(codeStep.params.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
