import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../steps/registry';
import { createMemoryPorts } from '../testing/memory-ports';
import { createVirtualTime } from '../testing/virtual-time';
import { runInline } from '../run/run-inline';
import { runStep, type RunStepOptions } from '../run/run-step';
import { previousOutput } from './previous-output';
import type { WorkflowDefinition } from '../definition/workflow.schema';

function step(node: RunStepOptions['node'], predecessors: Record<string, unknown>) {
  return runStep({
    registry: defaultRegistry,
    node,
    attempt: 1,
    run: { id: 'r', workflowId: 'w', attempt: 1 },
    input: { body: { qty: 2 } },
    steps: { ...predecessors },
    predecessors,
    vars: {},
    ports: { ...createMemoryPorts(), clock: { now: () => 0 } },
  });
}

describe('prev in expressions', () => {
  it('is the output of the single predecessor, not the run input', async () => {
    const event = await step(
      { id: 'check', type: 'if', params: { condition: 'prev.total > 100' } },
      { price: { total: 160 } },
    );
    expect(event).toMatchObject({ type: 'stepSucceeded', port: 'true' });
  });

  it('is the outputs of a join keyed by step id', async () => {
    const event = await step(
      { id: 'sum', type: 'transform', params: { expression: 'prev.a.n + prev.b.n' } },
      { a: { n: 1 }, b: { n: 2 } },
    );
    expect(event).toMatchObject({ type: 'stepSucceeded', output: 3 });
  });

  it('is absent for a step nothing ran before', async () => {
    const event = await step(
      { id: 'x', type: 'transform', params: { expression: '$exists(prev)' } },
      {},
    );
    expect(event).toMatchObject({ type: 'stepSucceeded', output: false });
    expect(previousOutput({})).toBeUndefined();
  });

  it('follows the branch that ran into a join after an If', async () => {
    const workflow: WorkflowDefinition = {
      schemaVersion: 1,
      name: 'w',
      nodes: [
        { id: 't', type: 'manual', params: {} },
        { id: 'total', type: 'transform', params: { expression: 'input.qty * input.price' } },
        { id: 'check', type: 'if', params: { condition: 'prev > 100' } },
        { id: 'big', type: 'set', params: { values: { size: 'big' } } },
        { id: 'small', type: 'set', params: { values: { size: 'small' } } },
        { id: 'join', type: 'merge', params: { mode: 'first' } },
        { id: 'out', type: 'transform', params: { expression: 'prev.size' } },
      ],
      edges: [
        { from: 't', to: 'total' },
        { from: 'total', to: 'check' },
        { from: 'check', to: 'big', fromPort: 'true' },
        { from: 'check', to: 'small', fromPort: 'false' },
        { from: 'big', to: 'join' },
        { from: 'small', to: 'join' },
        { from: 'join', to: 'out' },
      ],
    };
    const time = createVirtualTime(0);
    const run = (input: unknown) =>
      runInline({
        workflow,
        registry: defaultRegistry,
        ports: { ...createMemoryPorts(), clock: time.clock, timer: time.timer },
        input,
      });
    const big = await run({ qty: 2, price: 80 });
    expect(big.steps.out).toMatchObject({ status: 'succeeded', output: 'big' });
    const small = await run({ qty: 1, price: 80 });
    expect(small.steps.out).toMatchObject({ status: 'succeeded', output: 'small' });
  });
});
