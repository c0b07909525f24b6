import { z } from 'zod';
import { previousOutput } from '../expr/previous-output';
import { StepError, type StepType } from './step-type';

const params = z
  .object({
    code: z
      .string()
      .min(1, 'Code is required')
      .describe(
        'JavaScript function body. `input` (the run input), `prev` (the output of the step ' +
          'before), `steps` and `vars` are in scope; `return` the output (JSON values only). `await` works, but there are no timers or network.',
      )
      .meta({ title: 'Code', kind: 'code', language: 'javascript' }),
    timeoutMs: z
      .number()
      .int()
      .min(10)
      .max(60_000)
      .default(1000)
      .describe('CPU time the code may use, in milliseconds.')
      .meta({ title: 'Time limit (ms)' }),
    memoryMb: z
      .number()
      .int()
      .min(8)
      .max(1024)
      .default(64)
      .describe('Memory the code may use, in megabytes.')
      .meta({ title: 'Memory limit (MB)' }),
  })
  .meta({ title: 'Code' });

export const codeStep: StepType<typeof params> = {
  id: 'code',
  version: 1,
  displayName: 'Code',
  category: 'code',
  description:
    'Runs JavaScript in an isolated sandbox with time and memory limits; its return value ' +
    'is the output.',
  params,
  paramKinds: { code: 'code' },
  ports: () => ['out'],
  async execute(p, ctx) {
    const scope = {
      input: ctx.input,
      prev: previousOutput(ctx.predecessors),
      steps: ctx.steps,
      vars: ctx.vars,
    };
    try {
      const output = await ctx.sandbox.run(p.code, scope, {
        timeoutMs: p.timeoutMs,
        memoryMb: p.memoryMb,
        maxOutputBytes: ctx.maxOutputBytes,
        signal: ctx.signal,
      });
      return { output };
    } catch (err) {
      if (err instanceof StepError) throw err;
      const { codeStack: stack, retryable } = (err ?? {}) as {
        codeStack?: unknown;
        retryable?: unknown;
      };
      // Code that threw may succeed next time (it reads its input, the time, randomness):
      // the step's retry setting decides, unless the sandbox knows a rerun cannot help.
      throw new StepError(err instanceof Error ? err.message : String(err), {
        ...(retryable === false ? { retryable: false } : {}),
        ...(typeof stack === 'string' ? { details: { stack } } : {}),
      });
    }
  },
};
