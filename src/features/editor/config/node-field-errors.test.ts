import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition, WorkflowNode } from '@/engine';
import { errorFor, nodeFieldErrors } from './node-field-errors';

const definition: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'Orders',
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    { id: 'fetch', type: 'http', params: { url: 'https://example.com' } },
  ],
  edges: [{ from: 'start', to: 'fetch' }],
};

const fetch = (patch: Partial<WorkflowNode>): WorkflowNode => ({
  ...definition.nodes[1]!,
  ...patch,
});

describe('nodeFieldErrors', () => {
  it('finds nothing wrong with a valid node', () => {
    expect(nodeFieldErrors(fetch({}), definition)).toEqual({});
  });

  it('reports params problems by field, from the step type’s own schema', () => {
    const errors = nodeFieldErrors(fetch({ params: { url: '', method: 'FETCH' } }), definition);
    expect(Object.keys(errors).sort()).toEqual(['params.method', 'params.url']);
  });

  it('reports expression syntax errors in templates and expressions', () => {
    const errors = nodeFieldErrors(
      fetch({ params: { url: 'https://x/{{ input. }}' } }),
      definition,
    );
    expect(errors['params.url']).toBeDefined();
  });

  it('reports retry, timeout and name problems from the saved format', () => {
    const errors = nodeFieldErrors(
      fetch({
        retry: { maxAttempts: 0, backoff: 'fixed', initialDelayMs: 0 },
        timeoutMs: -1,
        name: 5 as unknown as string,
      }),
      definition,
    );
    expect(Object.keys(errors).sort()).toEqual(['name', 'retry.maxAttempts', 'timeoutMs']);
  });

  it('validates a node that is not in the definition yet', () => {
    const errors = nodeFieldErrors(
      { id: 'extra', type: 'if', params: { condition: '' } },
      definition,
    );
    expect(errors['params.condition']).toBeDefined();
  });
});

describe('errorFor', () => {
  it('returns the field’s own error or the first one inside it', () => {
    const errors = { 'params.url': 'Required', 'params.headers.Accept': 'Too long' };
    expect(errorFor(errors, 'params.url')).toBe('Required');
    expect(errorFor(errors, 'params.headers')).toBe('Accept: Too long');
    expect(errorFor(errors, 'params.body')).toBeUndefined();
  });
});
