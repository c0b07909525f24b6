import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '@/engine';
import { scopeFromRun } from './scope-from-run';

const definition: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'w',
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    { id: 'fetch', type: 'http', params: { url: 'https://x' } },
  ],
  edges: [{ from: 'start', to: 'fetch' }],
  vars: { base: 'https://x' },
};

describe('scopeFromRun', () => {
  it('offers node ids and vars when the workflow has not run', () => {
    expect(scopeFromRun(definition, undefined)).toEqual({
      nodeIds: ['start', 'fetch'],
      vars: { base: 'https://x' },
    });
  });

  it('takes the run input and the last successful attempt of each step', () => {
    const scope = scopeFromRun(definition, {
      input: { id: 1 },
      steps: [
        { nodeId: 'start', attempt: 1, status: 'succeeded', output: { id: 1 } },
        { nodeId: 'fetch', attempt: 2, status: 'succeeded', output: { status: 200 } },
        { nodeId: 'fetch', attempt: 1, status: 'failed', output: null },
        { nodeId: 'fetch', attempt: 1, status: 'succeeded', output: { stale: true } },
      ],
    });
    expect(scope.input).toEqual({ id: 1 });
    expect(scope.outputs).toEqual({ start: { id: 1 }, fetch: { status: 200 } });
  });

  it('names the predecessors of the step being edited, for prev', () => {
    expect(scopeFromRun(definition, undefined, 'fetch').predecessorIds).toEqual(['start']);
    expect(scopeFromRun(definition, undefined, 'start').predecessorIds).toEqual([]);
  });
});
