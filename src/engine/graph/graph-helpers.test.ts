import { describe, expect, it } from 'vitest';
import { buildWorkflow } from '../testing/build-workflow';
import { indexGraph } from './indexed-graph';
import { predecessors, successors } from './neighbors';
import { reachableFrom } from './reachable';
import { decideJoin, joinModeOf } from './ready-steps';
import { topologicalOrder } from './topo';

const diamond = buildWorkflow({ t: 'trigger', a: 'set', b: 'set', j: 'merge' }, [
  't -> a',
  't -> b',
  'a -> j',
  'b -> j',
]);

describe('graph helpers', () => {
  it('orders topologically', () => {
    const result = topologicalOrder(diamond);
    expect(result).toEqual({ ok: true, order: ['t', 'a', 'b', 'j'] });
  });

  it('names a cycle', () => {
    const cyclic = buildWorkflow({ t: 'trigger', a: 'set', b: 'set', c: 'set', leaf: 'set' }, [
      't -> a',
      'a -> b',
      'b -> c',
      'c -> a',
      'c -> leaf',
    ]);
    const result = topologicalOrder(cyclic);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.cycle[0]).toBe(result.cycle[result.cycle.length - 1]);
      expect(new Set(result.cycle)).toEqual(new Set(['a', 'b', 'c']));
      const pairs = result.cycle.slice(1).map((to, i) => `${result.cycle[i]}->${to}`);
      for (const pair of pairs) expect(['a->b', 'b->c', 'c->a']).toContain(pair);
    }
    const self = topologicalOrder(buildWorkflow({ t: 'trigger', a: 'set' }, ['t -> a', 'a -> a']));
    expect(self).toEqual({ ok: false, cycle: ['a', 'a'] });
  });

  it('lists neighbours once each', () => {
    const doubled = buildWorkflow({ i: 'if', x: 'set' }, ['i:true -> x', 'i:false -> x']);
    expect(successors(doubled, 'i')).toEqual(['x']);
    expect(predecessors(diamond, 'j')).toEqual(['a', 'b']);
    expect(predecessors(diamond, 'missing')).toEqual([]);
  });

  it('finds reachable nodes', () => {
    const wf = buildWorkflow({ t: 'trigger', a: 'set', island: 'set' }, ['t -> a']);
    expect(reachableFrom(wf, ['t'])).toEqual(new Set(['t', 'a']));
  });

  it('indexes once per definition', () => {
    const graph = indexGraph(diamond);
    expect(indexGraph(diamond)).toBe(graph);
    expect(graph.roots).toEqual([0]);
    expect(graph.leaves).toEqual([3]);
    expect(graph.incoming[3]?.map((e) => e.from)).toEqual([1, 2]);
  });
});

describe('join rule', () => {
  it("waits for every branch in 'all' mode", () => {
    expect(decideJoin('all', 1, 1)).toBe('wait');
    expect(decideJoin('all', 0, 1)).toBe('run');
    expect(decideJoin('all', 0, 0)).toBe('skip');
  });

  it("runs on the first live branch in 'first' mode", () => {
    expect(decideJoin('first', 2, 1)).toBe('run');
    expect(decideJoin('first', 1, 0)).toBe('wait');
    expect(decideJoin('first', 0, 0)).toBe('skip');
  });

  it('reads the mode from merge params only', () => {
    expect(joinModeOf({ id: 'm', type: 'merge', params: { mode: 'first' } })).toBe('first');
    expect(joinModeOf({ id: 'm', type: 'merge', params: {} })).toBe('all');
    expect(joinModeOf({ id: 's', type: 'set', params: { mode: 'first' } })).toBe('all');
  });
});
