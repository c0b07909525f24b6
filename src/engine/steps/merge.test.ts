import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { mergeStep } from './merge';

describe('merge step', () => {
  it('mode all outputs every arrived branch keyed by step id', async () => {
    const predecessors = { users: [1, 2], orders: { n: 3 } };
    const p = mergeStep.params.parse({});
    expect(p.mode).toBe('all');
    expect(await mergeStep.execute(p, fakeContext({ predecessors }))).toEqual({
      output: { users: [1, 2], orders: { n: 3 } },
    });
  });

  it('mode first outputs the arrived branch output', async () => {
    const p = mergeStep.params.parse({ mode: 'first' });
    expect(await mergeStep.execute(p, fakeContext({ predecessors: { fast: 'won' } }))).toEqual({
      output: 'won',
    });
    expect(await mergeStep.execute(p, fakeContext())).toEqual({ output: null });
  });

  it('rejects unknown modes', () => {
    expect(mergeStep.params.safeParse({ mode: 'any' }).success).toBe(false);
  });
});
