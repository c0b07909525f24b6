import { describe, expect, it } from 'vitest';
import { createMemoryStateStore } from '../state/memory-state-store';
import { evaluateExpression } from './evaluate';

const context = { input: {}, steps: {}, vars: {}, run: { id: 'r', workflowId: 'w', attempt: 1 } };

describe('workflow state in expressions', () => {
  it('reads, writes and increments per-workflow state', async () => {
    const state = createMemoryStateStore();
    expect(await evaluateExpression('$state("seen")', context, { state })).toBeUndefined();
    expect(await evaluateExpression('$setState("seen", {"n": 1})', context, { state })).toEqual({
      n: 1,
    });
    expect(await evaluateExpression('$state("seen").n', context, { state })).toBe(1);
    expect(await evaluateExpression('$incrementState("count")', context, { state })).toBe(1);
    expect(await evaluateExpression('$incrementState("count", 41)', context, { state })).toBe(42);
  });

  it('refuses bad keys and amounts, and says when there is no state', async () => {
    const state = createMemoryStateStore();
    await expect(evaluateExpression('$state("")', context, { state })).rejects.toThrow(
      /needs a key/,
    );
    await expect(
      evaluateExpression('$incrementState("n", "x")', context, { state }),
    ).rejects.toThrow(/finite number/);
    await expect(evaluateExpression('$state("n")', context)).rejects.toThrow(/not available/);
  });
});
