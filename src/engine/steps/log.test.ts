import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { logStep } from './log';

describe('log step', () => {
  it('logs through ctx.logger and outputs the line', async () => {
    const ctx = fakeContext();
    const p = logStep.params.parse({
      level: 'warn',
      message: 'Order 7 is late',
    });
    expect(await logStep.execute(p, ctx)).toEqual({
      output: { level: 'warn', message: 'Order 7 is late' },
    });
    expect(ctx.logs).toEqual([
      {
        level: 'warn',
        message: 'Order 7 is late',
        fields: { runId: 'run_1', nodeId: 'node_1' },
      },
    ]);
    expect(logStep.params.parse({})).toEqual({ level: 'info', message: '' });
  });

  it('rejects unknown levels', () => {
    expect(logStep.params.safeParse({ level: 'fatal', message: 'x' }).success).toBe(false);
  });
});
