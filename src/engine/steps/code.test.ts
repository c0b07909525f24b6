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
        limits: { timeoutMs: 1000, memoryMb: 64, maxOutputBytes: 1024 * 1024, signal: ctx.signal },
      },
    ]);
    expect(codeStep.paramKinds).toEqual({ code: 'code' });
  });

  const failureOf = (error: Error) =>
    codeStep
      .execute(
        codeStep.params.parse({ code: 'x' }),
        fakeContext({
          sandbox: () => {
            throw error;
          },
        }),
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );

  it('leaves errors thrown by the code or its time limit to the retry setting', async () => {
    const thrown = Object.assign(new Error('Code step threw: TypeError: x is undefined'), {
      codeStack: 'at line 1',
    });
    const timeout = new Error('Code step timed out after 1000 ms');
    for (const [error, details] of [
      [thrown, { stack: 'at line 1' }],
      [timeout, undefined],
    ] as const) {
      const err = await failureOf(error);
      expect(err).toBeInstanceOf(StepError);
      expect(err).toMatchObject({ message: error.message });
      expect((err as StepError).options).toEqual(details ? { details } : {});
    }
  });

  it('does not retry what a rerun cannot fix: invalid JavaScript, an output over the limit', async () => {
    const invalid = Object.assign(new Error('Code step has invalid JavaScript: Unexpected }'), {
      retryable: false,
    });
    const err = await failureOf(invalid);
    expect(err).toBeInstanceOf(StepError);
    expect(err).toMatchObject({ message: invalid.message, options: { retryable: false } });
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
