import { describe, expect, it } from 'vitest';
import { copySelection, parseClipboard, pasteFragment, serializeClipboard } from './clipboard';
import { diamond } from './fixtures';

describe('clipboard', () => {
  it('copies the selected nodes and only the edges between them', () => {
    const fragment = copySelection(diamond(), new Set(['check', 'yes']));
    expect(fragment.schemaVersion).toBe(1);
    expect(fragment.nodes.map((n) => n.id)).toEqual(['check', 'yes']);
    expect(fragment.edges).toEqual([{ from: 'check', to: 'yes', fromPort: 'true' }]);
  });

  it('round-trips through text', () => {
    const fragment = copySelection(diamond(), new Set(['check', 'yes']));
    expect(parseClipboard(serializeClipboard(fragment))).toEqual(fragment);
  });

  it('ignores text that is not a definition', () => {
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{not json')).toBeNull();
    expect(parseClipboard('{"schemaVersion":1}')).toBeNull();
    expect(parseClipboard('{"schemaVersion":1,"name":"x","nodes":[],"edges":[]}')).toBeNull();
  });

  it('pastes with fresh ids and names, edges renamed with their nodes, shifted', () => {
    const original = diamond();
    const fragment = copySelection(original, new Set(['check', 'yes']));
    const { definition, pastedIds } = pasteFragment(original, fragment);
    expect(pastedIds).toEqual(['check_2', 'yes_2']);
    const pasted = definition.nodes.slice(-2);
    expect(pasted.map((n) => n.name)).toEqual(['Check 2', 'Yes 2']);
    expect(pasted[0]!.position).toEqual({ x: 240, y: 40 });
    expect(definition.edges.at(-1)).toEqual({ from: 'check_2', to: 'yes_2', fromPort: 'true' });
    expect(new Set(definition.nodes.map((n) => n.id)).size).toBe(definition.nodes.length);
    expect(definition.nodes.slice(0, 5)).toEqual(original.nodes);
  });

  it('pastes into another workflow at a given point, keeping ids that are free', () => {
    const fragment = copySelection(diamond(), new Set(['yes', 'no']));
    const empty = { schemaVersion: 1 as const, name: 'Other', nodes: [], edges: [] };
    const { definition } = pasteFragment(empty, fragment, { x: 10, y: 20 });
    expect(definition.nodes.map((n) => [n.id, n.position])).toEqual([
      ['yes', { x: 10, y: 20 }],
      ['no', { x: 10, y: 180 }],
    ]);
  });

  it('does not share objects with the fragment', () => {
    const fragment = copySelection(diamond(), new Set(['yes']));
    const { definition } = pasteFragment(diamond(), fragment);
    expect(definition.nodes.at(-1)!.params).not.toBe(fragment.nodes[0]!.params);
  });
});
