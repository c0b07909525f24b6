import { describe, expect, it } from 'vitest';
import { indexGraph } from '../graph/indexed-graph';
import { advance } from './advance';
import { startRun } from './start-run';
import { predecessorOutputs, stepOutputs } from './step-inputs';
import type { WorkflowDefinition } from '../definition/workflow.schema';

const workflow: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'w',
  nodes: [
    { id: 't', type: 'manualTrigger', params: {} },
    { id: 'a', type: 'noop', params: {} },
    { id: 'b', type: 'noop', params: {} },
    { id: 'j', type: 'merge', params: {} },
  ],
  edges: [
    { from: 't', to: 'a' },
    { from: 't', to: 'b' },
    { from: 'a', to: 'j' },
    { from: 'b', to: 'j' },
  ],
};

describe('step inputs', () => {
  it('sees finished outputs, and a node only its own predecessors', () => {
    const env = { now: 0, random: () => 0, workflow };
    let state = startRun({ workflow, runId: 'r', workflowId: 'w', now: 0 });
    state = advance(state, { type: 'runStarted', input: {} }, env).state;
    for (const [nodeId, output] of [
      ['t', { x: 1 }],
      ['a', 'A'],
    ] as const) {
      state = advance(state, { type: 'stepSucceeded', nodeId, attempt: 1, output }, env).state;
    }
    const outputs = stepOutputs(state);
    expect(outputs).toEqual({ t: { x: 1 }, a: 'A' });
    const graph = indexGraph(workflow);
    expect(predecessorOutputs(graph, outputs, graph.indexOf.get('j')!)).toEqual({ a: 'A' });
    expect(predecessorOutputs(graph, outputs, graph.indexOf.get('a')!)).toEqual({ t: { x: 1 } });
  });
});
