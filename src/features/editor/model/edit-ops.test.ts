import { describe, expect, it } from 'vitest';
import { addNode, connect, edgeKey, moveNodes, removeElements, updateNode } from './edit-ops';
import { diamond, types } from './fixtures';

describe('edit operations', () => {
  it('adds a node with a unique id, name and the type defaults', () => {
    const { definition, node } = addNode(diamond(), types.get('set')!, { x: 10.4, y: 20.6 });
    expect(node).toMatchObject({
      id: 'set',
      name: 'Set Fields',
      params: { values: {} },
      position: { x: 10, y: 21 },
    });
    const again = addNode(definition, types.get('set')!, { x: 0, y: 0 });
    expect(again.node).toMatchObject({ id: 'set_2', name: 'Set Fields 2' });
  });

  it('removes nodes with their edges, and single edges', () => {
    const def = diamond();
    const without = removeElements(def, new Set(['yes']));
    expect(without.nodes).toHaveLength(4);
    expect(without.edges.map(edgeKey)).toEqual([
      'start.out->check',
      'check.false->no',
      'no.out->join',
    ]);
    const oneEdge = removeElements(def, new Set(), new Set(['no.out->join']));
    expect(oneEdge.edges).toHaveLength(4);
    expect(removeElements(def, new Set())).toBe(def);
  });

  it('moves only the nodes whose position changed', () => {
    const def = diamond();
    expect(moveNodes(def, new Map([['yes', { x: 400, y: -80 }]]))).toBe(def);
    const moved = moveNodes(def, new Map([['yes', { x: 1, y: 1 }]]));
    expect(moved.nodes[0]).toBe(def.nodes[0]);
    expect(moved.nodes[2]!.position).toEqual({ x: 1, y: 1 });
  });

  it('saves the default port implicitly', () => {
    const def = connect(diamond(), { from: 'start', to: 'join', fromPort: 'out' });
    expect(def.edges.at(-1)).toEqual({ from: 'start', to: 'join' });
  });

  it('renames edges with a node whose id changes', () => {
    const def = diamond();
    const renamed = updateNode(def, 'check', { ...def.nodes[1]!, id: 'gate' });
    expect(renamed.edges.map(edgeKey)).toContain('gate.true->yes');
    expect(renamed.edges.map(edgeKey)).toContain('start.out->gate');
  });
});
