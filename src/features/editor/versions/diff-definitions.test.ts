import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '@/engine';
import { describeEdge, diffDefinitions, isEmptyDiff } from './diff-definitions';

const v1: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'Orders',
  nodes: [
    { id: 'start', type: 'manual', params: {}, position: { x: 0, y: 0 } },
    {
      id: 'fetch',
      type: 'http',
      name: 'Fetch order',
      params: { url: 'https://a/orders', headers: { Accept: 'application/json' } },
      position: { x: 200, y: 0 },
    },
    { id: 'check', type: 'if', params: { condition: 'input.total > 10' } },
    { id: 'old', type: 'noop', params: {} },
  ],
  edges: [
    { from: 'start', to: 'fetch' },
    { from: 'fetch', to: 'check' },
    { from: 'check', fromPort: 'true', to: 'old' },
  ],
  vars: { region: 'eu', limit: 5 },
};

describe('diffDefinitions', () => {
  it('finds no difference between a definition and itself, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify(v1)) as WorkflowDefinition;
    reordered.nodes[1]!.params = {
      headers: { Accept: 'application/json' },
      url: 'https://a/orders',
    };
    const diff = diffDefinitions(v1, reordered);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('reports added, removed and changed nodes with params before and after', () => {
    const v2: WorkflowDefinition = {
      ...v1,
      name: 'Orders v2',
      nodes: [
        v1.nodes[0]!,
        {
          ...v1.nodes[1]!,
          params: { url: 'https://b/orders', method: 'POST', headers: {} },
          retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 100 },
          onError: 'continue',
        },
        v1.nodes[2]!,
        { id: 'log', type: 'log', params: { message: 'hi' } },
      ],
      edges: [
        { from: 'start', to: 'fetch', fromPort: 'out' },
        { from: 'fetch', to: 'check' },
        { from: 'check', fromPort: 'true', to: 'log' },
      ],
      vars: { region: 'us', debug: true },
    };
    const diff = diffDefinitions(v1, v2);
    expect(diff.name).toEqual({ path: 'name', before: 'Orders', after: 'Orders v2' });
    expect(diff.nodesAdded.map((n) => n.id)).toEqual(['log']);
    expect(diff.nodesRemoved.map((n) => n.id)).toEqual(['old']);
    expect(diff.nodesChanged).toEqual([
      {
        id: 'fetch',
        name: 'Fetch order',
        changes: [
          { path: 'onError', before: undefined, after: 'continue' },
          { path: 'params.url', before: 'https://a/orders', after: 'https://b/orders' },
          { path: 'params.headers', before: { Accept: 'application/json' }, after: {} },
          { path: 'params.method', before: undefined, after: 'POST' },
          { path: 'retry.maxAttempts', before: undefined, after: 3 },
          { path: 'retry.backoff', before: undefined, after: 'fixed' },
          { path: 'retry.initialDelayMs', before: undefined, after: 100 },
        ],
      },
    ]);
    // An explicit "out" port is the same edge as an implicit one.
    expect(diff.edgesAdded.map(describeEdge)).toEqual(['check.true → log']);
    expect(diff.edgesRemoved.map(describeEdge)).toEqual(['check.true → old']);
    expect(diff.vars).toEqual([
      { path: 'vars.region', before: 'eu', after: 'us' },
      { path: 'vars.limit', before: 5, after: undefined },
      { path: 'vars.debug', before: undefined, after: true },
    ]);
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('reports a node that only moved apart from changed nodes', () => {
    const moved: WorkflowDefinition = {
      ...v1,
      nodes: v1.nodes.map((n) => (n.id === 'fetch' ? { ...n, position: { x: 400, y: 80 } } : n)),
    };
    const diff = diffDefinitions(v1, moved);
    expect(diff.nodesChanged).toEqual([]);
    expect(diff.nodesMoved).toEqual(['fetch']);
  });

  it('treats an edge to a different port as a removed and an added edge', () => {
    const rewired: WorkflowDefinition = {
      ...v1,
      edges: v1.edges.map((e) => (e.fromPort === 'true' ? { ...e, fromPort: 'false' } : e)),
    };
    const diff = diffDefinitions(v1, rewired);
    expect(diff.edgesAdded.map(describeEdge)).toEqual(['check.false → old']);
    expect(diff.edgesRemoved.map(describeEdge)).toEqual(['check.true → old']);
  });
});
