import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { forEachStep, MAX_FOR_EACH_ITEMS } from './for-each';
import { StepError } from './step-type';

describe('forEach step', () => {
  it('suspends with one child per item', async () => {
    const p = forEachStep.params.parse({
      items: 'input.orders',
      workflowId: 'process-order',
    });
    const ctx = fakeContext({ input: { orders: [{ id: 1 }, { id: 2 }] } });
    expect(await forEachStep.execute(p, ctx)).toEqual({
      suspend: {
        kind: 'children',
        workflowId: 'process-order',
        children: [{ id: 1 }, { id: 2 }],
        concurrency: 4,
        wait: true,
        collect: 'array',
      },
    });
  });

  it('treats a single value as one item and nothing as no items', async () => {
    const p = (items: string) =>
      forEachStep.params.parse({ items, workflowId: 'w', concurrency: 2 });
    const ctx = fakeContext({ input: { one: { id: 1 } } });
    expect(await forEachStep.execute(p('input.one'), ctx)).toMatchObject({
      suspend: { children: [{ id: 1 }], concurrency: 2 },
    });
    expect(await forEachStep.execute(p('input.missing'), ctx)).toMatchObject({
      suspend: { children: [] },
    });
  });

  it('refuses more items than the limit', async () => {
    const p = forEachStep.params.parse({
      items: `[1..${MAX_FOR_EACH_ITEMS + 1}]`,
      workflowId: 'w',
    });
    await expect(forEachStep.execute(p, fakeContext())).rejects.toBeInstanceOf(StepError);
  });

  it('rejects bad params', () => {
    for (const bad of [
      { items: 'input.x' },
      { items: 'input.x', workflowId: '  ' },
      { items: '', workflowId: 'w' },
      { items: 'input.x', workflowId: 'w', concurrency: 0 },
      { items: 'input.x', workflowId: 'w', concurrency: 101 },
    ]) {
      expect(forEachStep.params.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
