import { describe, expect, it } from 'vitest';
import { compileFlagSet, flagSchema, type StepPorts } from '@/engine';
import { captureStep } from './step-capture';

describe('captureStep', () => {
  it('logs the variant of every flag evaluation on the attempt', async () => {
    const set = compileFlagSet([
      flagSchema.parse({
        key: 'new-pricing',
        kind: 'boolean',
        enabled: true,
        variants: { on: true, off: false },
        defaultVariant: 'off',
        rules: [{ serve: 'on' }],
      }),
    ]);
    const ports = {
      logger: { log: () => undefined },
      secrets: { get: async () => undefined },
      flags: {
        evaluate: async (key: string, ctx: Record<string, unknown>) => set.evaluate(key, ctx),
      },
    } as unknown as StepPorts;
    const capture = captureStep(ports, () => 5);
    expect((await capture.ports.flags!.evaluate('new-pricing', {})).value).toBe(true);
    await capture.ports.flags!.evaluate('gone', {});
    const timed = capture.finish(
      { type: 'stepSucceeded', nodeId: 'n', attempt: 1, output: 1 },
      0,
      5,
    );
    expect(timed.logs).toEqual([
      {
        at: 5,
        level: 'info',
        message: 'Flag "new-pricing" served variant "on"',
        fields: { flag: 'new-pricing', variant: 'on', reason: 'TARGETING_MATCH', ruleIndex: 0 },
      },
      {
        at: 5,
        level: 'warn',
        message: 'Flag "gone": ERROR',
        fields: { flag: 'gone', variant: undefined, reason: 'ERROR' },
      },
    ]);
  });
});
