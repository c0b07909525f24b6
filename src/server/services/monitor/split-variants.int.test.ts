import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { edge, node, ownerActor, publish, startRun, waitForRun } from '@/test/runtime-fixtures';
import { getResultMonitor } from './get-result-monitor';

describe('result monitor by variant', () => {
  it('breaks a workflow’s runs through an A/B split down by variant, with counts', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Checkout experiment',
      nodes: [
        node('start', 'manual'),
        node('exp', 'split', {
          variants: [
            { name: 'control', weight: 50 },
            { name: 'discount', weight: 50 },
          ],
          key: 'input.customerId',
        }),
        node('ok', 'set', { values: { price: 100 } }),
        node('boom', 'fail', { message: 'discount broke' }),
      ],
      edges: [edge('start', 'exp'), edge('exp', 'ok', 'control'), edge('exp', 'boom', 'discount')],
    });
    const taken = { control: 0, discount: 0 };
    for (let i = 0; i < 12; i++) {
      const run = await waitForRun(
        (await startRun(actor, workflowId, { customerId: `c${i}` })).runId,
      );
      taken[run.status === 'succeeded' ? 'control' : 'discount'] += 1;
    }
    const monitor = await getResultMonitor(db, actor, { window: '1h', workflowId });
    expect(monitor.splitVariants).toEqual(
      [
        { variant: 'control', runs: taken.control, succeeded: taken.control, successRate: 1 },
        { variant: 'discount', runs: taken.discount, succeeded: 0, successRate: 0 },
      ]
        .filter((v) => v.runs > 0)
        .map((v) => ({
          nodeId: 'exp',
          ...v,
          p50Ms: expect.any(Number),
          avgMs: expect.any(Number),
        })),
    );
    expect(taken.control).toBeGreaterThan(0);
    expect(taken.discount).toBeGreaterThan(0);
    const all = await getResultMonitor(db, actor, { window: '1h' });
    expect(all.splitVariants).toEqual([]);
  });
});
