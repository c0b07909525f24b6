import { defaultRegistry } from '@/engine';
import { describe, expect, it } from 'vitest';
import { moveNodes, updateNode } from './edit-ops';
import { diamond, types } from './fixtures';
import { findProblems } from './problems';
import { fallbackPosition, toFlowEdges, toFlowNodes } from './to-flow';

const deco = { registry: defaultRegistry, types, readOnly: false };

describe('definition to canvas', () => {
  it('makes one node per step with its ports, name and position', () => {
    const nodes = toFlowNodes(diamond(), deco);
    expect(nodes.map((n) => n.id)).toEqual(['start', 'check', 'yes', 'no', 'join']);
    const check = nodes[1]!;
    expect(check).toMatchObject({
      type: 'step',
      ariaLabel: 'Check',
      position: { x: 200, y: 0 },
      data: { typeName: 'If', category: 'flow', ports: ['true', 'false'], trigger: false },
    });
    expect(nodes[0]!.data.trigger).toBe(true);
  });

  it('adds an error port when errors are routed', () => {
    const def = diamond();
    const withPort = updateNode(def, 'yes', { ...def.nodes[2]!, onError: 'errorPort' });
    expect(toFlowNodes(withPort, deco)[2]!.data.ports).toEqual(['out', 'error']);
  });

  it('names the ports of a node whose params are not filled in yet', () => {
    const def = diamond();
    const bare = updateNode(def, 'check', { ...def.nodes[1]!, params: {} });
    expect(toFlowNodes(bare, deco)[1]!.data.ports).toEqual(['true', 'false']);
  });

  it('places nodes without a position on a grid', () => {
    const def = diamond();
    const { position: _unused, ...bare } = def.nodes[3]!;
    const nodes = toFlowNodes(
      { ...def, nodes: def.nodes.map((n, i) => (i === 3 ? bare : n)) },
      deco,
    );
    expect(nodes[3]!.position).toEqual(fallbackPosition(3));
  });

  it('makes edges on the named handles', () => {
    const edges = toFlowEdges(diamond(), undefined);
    expect(edges[1]).toMatchObject({
      id: 'check.true->yes',
      source: 'check',
      target: 'yes',
      sourceHandle: 'true',
      targetHandle: 'in',
      ariaLabel: 'Connection from Check (true) to Yes',
    });
  });

  it('reuses unchanged nodes and keeps selection and size of changed ones', () => {
    const def = diamond();
    const first = toFlowNodes(def, deco);
    first[2] = { ...first[2]!, selected: true, measured: { width: 180, height: 60 } };
    const moved = moveNodes(def, new Map([['yes', { x: 1, y: 2 }]]));
    const second = toFlowNodes(moved, deco, first);
    expect(second[0]).toBe(first[0]);
    expect(second[2]).not.toBe(first[2]);
    expect(second[2]).toMatchObject({
      position: { x: 1, y: 2 },
      selected: true,
      measured: { width: 180, height: 60 },
    });
  });

  it('marks nodes and edges with problems', () => {
    const def = diamond();
    const broken = {
      ...updateNode(def, 'check', { ...def.nodes[1]!, params: {} }),
      edges: [...def.edges, { from: 'yes', to: 'no', fromPort: 'nope' }],
    };
    const problems = findProblems(broken, defaultRegistry);
    const nodes = toFlowNodes(broken, { ...deco, problems });
    expect(nodes[1]!.data.issue).toBe('This field is required');
    expect(problems.byNode.get('check')).toHaveProperty(['params.condition']);
    const edges = toFlowEdges(broken, problems);
    expect(edges.at(-1)!.data?.issue).toMatch(/no port "nope"/);
    expect(problems.problems.find((p) => p.nodeId === 'check')).toMatchObject({
      where: 'Check',
      field: 'params.condition',
    });
  });
});
