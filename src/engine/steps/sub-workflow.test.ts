import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { subWorkflowStep } from './sub-workflow';

describe('subWorkflow step', () => {
  it('suspends with a single child', async () => {
    const p = subWorkflowStep.params.parse({
      workflowId: 'send-invoice',
      input: { id: 9 },
    });
    expect(await subWorkflowStep.execute(p, fakeContext())).toEqual({
      suspend: {
        kind: 'children',
        workflowId: 'send-invoice',
        children: [{ id: 9 }],
        concurrency: 1,
        wait: true,
        collect: 'single',
      },
    });
    const fireAndForget = subWorkflowStep.params.parse({
      workflowId: 'audit',
      wait: false,
    });
    expect(await subWorkflowStep.execute(fireAndForget, fakeContext())).toMatchObject({
      suspend: { children: [null], wait: false },
    });
  });

  it('rejects bad params', () => {
    for (const bad of [{}, { workflowId: '' }, { workflowId: 'w', wait: 'yes' }]) {
      expect(subWorkflowStep.params.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
