import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { manualStep } from './manual';

describe('manual trigger', () => {
  it('outputs the run input', async () => {
    const ctx = fakeContext({ input: { hello: 'world' } });
    expect(await manualStep.execute(manualStep.params.parse({}), ctx)).toEqual({
      output: { hello: 'world' },
    });
    expect(manualStep.trigger).toBe(true);
    expect(manualStep.ports({})).toEqual(['out']);
  });
});
