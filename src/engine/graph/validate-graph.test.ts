import { describe, expect, it } from 'vitest';
import { buildWorkflow } from '../testing/build-workflow';
import { createRegistry } from '../testing/fake-steps';
import { validateWorkflow } from './validate-graph';

const registry = createRegistry();
const paths = (result: { errors: { path: string }[] }) => result.errors.map((e) => e.path);

describe('validateWorkflow', () => {
  it('accepts a good workflow', () => {
    const wf = buildWorkflow(
      {
        t: 'trigger',
        i: { type: 'if', params: { condition: '{{ input.ok }}' } },
        a: {
          type: 'set',
          params: { value: { greeting: 'Hi {{ input.name }}', list: ['{{ 1 + 1 }}'] } },
        },
        f: { type: 'fail', onError: 'errorPort' },
        h: { type: 'set', params: { value: 1 } },
        e: { type: 'expr', params: { expression: '$sum(input.items)' } },
        loop: { type: 'forEach', params: { workflowId: 'child', items: '{{ input.items }}' } },
      },
      ['t -> i', 'i:true -> a', 'i:false -> f', 'f:error -> h', 'a -> e', 'e -> loop'],
    );
    expect(validateWorkflow(wf, registry)).toEqual({ ok: true, errors: [] });
  });

  it('reports every problem at once, with paths', () => {
    const wf = buildWorkflow(
      {
        t: 'trigger',
        t2: 'trigger',
        a: { type: 'set' },
        b: { type: 'nope' },
        s: { type: 'switch', params: { value: 'x', cases: ['x', 'y'] } },
        bad: { type: 'set', params: { value: 'Hello {{ input.( }}' } },
        e: { type: 'expr', params: { expression: 'a +' } },
        lonely: { type: 'set', params: { value: 1 } },
        loop: { type: 'forEach', params: { items: [] } },
      },
      [
        't -> a',
        'a -> s',
        's:z -> b',
        's:x -> missing',
        'a:error -> bad',
        'bad -> t',
        'a -> e',
        'e -> loop',
        'x -> a',
      ],
    );
    wf.nodes.push({ id: 'a', type: 'set', params: { value: 2 } });
    const result = validateWorkflow(wf, registry);
    expect(result.ok).toBe(false);
    expect(paths(result)).toEqual(
      expect.arrayContaining([
        'nodes[1].type', // second trigger
        'nodes[2].params.value', // missing required param
        'nodes[3].type', // unknown type
        'nodes[5].params.value', // bad template
        'nodes[6].params.expression', // bad expression param
        'nodes[7]', // unreachable
        'nodes[8].params.workflowId',
        'nodes[9].id', // duplicate id
        'edges[2].fromPort', // switch has no port z
        'edges[3].to', // missing node
        'edges[4].fromPort', // error port without onError errorPort
        'edges[5].to', // trigger as target
        'edges[8].from', // unknown source
        'edges', // cycle
      ]),
    );
    const messages = result.errors.map((e) => e.message).join('\n');
    expect(messages).toMatch(/Unknown step type "nope"/);
    expect(messages).toMatch(/no port "z" \(ports: x, y, default\)/);
    expect(messages).toMatch(/cycle: .*t/);
  });

  it('says a missing required param is required, in plain words', () => {
    const wf = buildWorkflow({ t: 'trigger', a: { type: 'set' } }, ['t -> a']);
    expect(validateWorkflow(wf, registry).errors).toEqual([
      { path: 'nodes[1].params.value', message: 'This field is required' },
    ]);
  });

  it('requires a trigger', () => {
    const result = validateWorkflow(
      buildWorkflow({ a: { type: 'set', params: { value: 1 } } }),
      registry,
    );
    expect(result.errors).toContainEqual({
      path: 'nodes',
      message: 'The workflow needs a trigger',
    });
  });

  it('leaves type checks of templated values to the run', () => {
    const wf = buildWorkflow(
      {
        t: 'trigger',
        d: { type: 'delay', params: { ms: '{{ input.ms }}' } },
        s: { type: 'switch', params: { value: 'a', cases: '{{ input.cases }}' } },
      },
      ['t -> d', 'd -> s'],
    );
    expect(validateWorkflow(wf, registry)).toEqual({ ok: true, errors: [] });
    const wrong = buildWorkflow({ t: 'trigger', d: { type: 'delay', params: { ms: 'soon' } } }, [
      't -> d',
    ]);
    expect(paths(validateWorkflow(wrong, registry))).toEqual(['nodes[1].params.ms']);
  });

  it('sees edits made in place between validations', () => {
    const wf = buildWorkflow({ t: 'trigger', a: { type: 'set', params: { value: 1 } } }, [
      't -> a',
    ]);
    expect(validateWorkflow(wf, registry).ok).toBe(true);
    wf.edges.push({ from: 'a', to: 'a' });
    expect(paths(validateWorkflow(wf, registry))).toContain('edges');
  });
});
