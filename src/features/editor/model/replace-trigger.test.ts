import { describe, expect, it } from 'vitest';
import { validateWorkflow, defaultRegistry } from '@/engine';
import { addNode, edgeKey } from './edit-ops';
import { diamond, types } from './fixtures';
import { replaceTrigger } from './replace-trigger';

const isTrigger = (type: string) => types.get(type)?.category === 'trigger';

describe('replaceTrigger', () => {
  it('swaps the old trigger for the new one, keeping its connections and place', () => {
    const added = addNode(diamond(), types.get('webhook')!, { x: 300, y: 300 });
    expect(validateWorkflow(added.definition, defaultRegistry).errors).toContainEqual(
      expect.objectContaining({ message: 'A workflow has exactly one trigger' }),
    );
    const next = replaceTrigger(added.definition, added.node.id, isTrigger);
    expect(next.nodes.map((n) => n.id)).toEqual(['check', 'yes', 'no', 'join', 'webhook']);
    expect(next.nodes.at(-1)?.position).toEqual({ x: 0, y: 0 });
    expect(next.edges.map(edgeKey)).toContain('webhook.out->check');
    expect(next.edges).toHaveLength(5);
    expect(validateWorkflow(next, defaultRegistry).errors.map((e) => e.message)).not.toContain(
      'A workflow has exactly one trigger',
    );
  });

  it('keeps a connection the new trigger already had once', () => {
    const added = addNode(diamond(), types.get('webhook')!, { x: 0, y: 0 });
    const wired = {
      ...added.definition,
      edges: [...added.definition.edges, { from: 'webhook', to: 'check' }],
    };
    const next = replaceTrigger(wired, 'webhook', isTrigger);
    expect(next.edges.filter((e) => e.to === 'check')).toEqual([{ from: 'webhook', to: 'check' }]);
  });

  it('changes nothing when the workflow has no other trigger', () => {
    const def = diamond();
    expect(replaceTrigger(def, 'start', isTrigger)).toBe(def);
  });
});
