import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { switchStep } from './switch';

describe('switch step', () => {
  const p = switchStep.params.parse({
    cases: [
      {
        port: 'urgent',
        condition: 'input.priority = "high" and input.amount > 100',
      },
      { port: 'high', condition: 'input.priority = "high"' },
      { port: 'low', condition: 'input.priority = "low"' },
    ],
  });
  const run = (input: unknown) =>
    switchStep.execute(p, fakeContext({ input, predecessors: { t: input } }));

  it('takes the first matching case, else default', async () => {
    expect(await run({ priority: 'high', amount: 500 })).toMatchObject({
      port: 'urgent',
    });
    expect(await run({ priority: 'high', amount: 5 })).toEqual({
      output: { priority: 'high', amount: 5 },
      port: 'high',
    });
    expect(await run({ priority: 'low' })).toMatchObject({ port: 'low' });
    expect(await run({ priority: 'none' })).toMatchObject({ port: 'default' });
    expect(switchStep.ports(p)).toEqual(['urgent', 'high', 'low', 'default']);
    expect(switchStep.ports(switchStep.params.parse({}))).toEqual(['default']);
  });

  it('rejects bad, duplicate or reserved ports and invalid conditions', () => {
    const invalid = switchStep.params.safeParse({
      cases: [{ port: 'a', condition: 'x.(' }],
    });
    expect(invalid.error?.issues[0]).toMatchObject({
      path: ['cases', 0, 'condition'],
    });
    expect(invalid.error?.issues[0]?.message).toMatch(/x\.\(/);
    for (const cases of [
      [{ port: 'a b', condition: 'true' }],
      [{ port: 'default', condition: 'true' }],
      [{ port: 'error', condition: 'true' }],
      [
        { port: 'a', condition: 'true' },
        { port: 'a', condition: 'false' },
      ],
      [{ port: 'a', condition: '' }],
      [{ port: 'a', condition: '$$$(' }],
      [{ port: 'a' }],
    ]) {
      expect(switchStep.params.safeParse({ cases }).success, JSON.stringify(cases)).toBe(false);
    }
  });
});
