import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { noopStep } from './noop';

describe('noop step', () => {
  it('passes the single predecessor output through, or null', async () => {
    const p = noopStep.params.parse({});
    expect(await noopStep.execute(p, fakeContext({ predecessors: { a: { x: 1 } } }))).toEqual({
      output: { x: 1 },
    });
    expect(await noopStep.execute(p, fakeContext())).toEqual({ output: null });
    expect(await noopStep.execute(p, fakeContext({ predecessors: { a: 1, b: 2 } }))).toEqual({
      output: { a: 1, b: 2 },
    });
  });
});
