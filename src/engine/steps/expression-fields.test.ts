import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../graph/validate-graph';
import { runInline } from '../run/run-inline';
import { buildWorkflow } from '../testing/build-workflow';
import { createMemoryPorts } from '../testing/memory-ports';
import { createVirtualTime } from '../testing/virtual-time';
import { defaultRegistry } from './registry';

/**
 * Expression fields (If condition, Switch cases, Transform expression, For Each items) take
 * the bare expression or the same expression wrapped in one `{{ }}`, in validation and in a
 * run alike.
 */

const child = buildWorkflow(
  {
    start: 'manual',
    sq: { type: 'transform', params: { expression: '{{ input * input }}' } },
  },
  ['start -> sq'],
);

function workflow(wrap: (expr: string) => string) {
  return buildWorkflow(
    {
      start: 'manual',
      prep: { type: 'set', params: { values: { n: '{{ input.n }}', items: [1, 2, 3] } } },
      big: { type: 'if', params: { condition: wrap('steps.prep.n > 5') } },
      route: {
        type: 'switch',
        params: { cases: [{ port: 'odd', condition: wrap('steps.prep.n % 2 = 1') }] },
      },
      total: { type: 'transform', params: { expression: wrap('steps.prep.n * 10') } },
      each: { type: 'forEach', params: { items: wrap('steps.prep.items'), workflowId: 'sq' } },
    },
    ['start -> prep', 'prep -> big', 'big:true -> route', 'route:odd -> total', 'total -> each'],
  );
}

async function run(wf: ReturnType<typeof workflow>) {
  const time = createVirtualTime(0);
  return runInline({
    workflow: wf,
    registry: defaultRegistry,
    ports: { ...createMemoryPorts(), clock: time.clock, timer: time.timer },
    input: { n: 7 },
    resolveWorkflow: () => child,
  });
}

describe('expression fields', () => {
  for (const [form, wrap] of [
    ['bare', (e: string) => e],
    ['wrapped in {{ }}', (e: string) => `{{ ${e} }}`],
    ['wrapped tightly, with spaces around', (e: string) => `  {{${e}}} `],
  ] as const) {
    it(`validate and run written ${form}`, async () => {
      const wf = workflow(wrap);
      expect(validateWorkflow(wf, defaultRegistry)).toEqual({ ok: true, errors: [] });
      const result = await run(wf);
      expect(result.status).toBe('succeeded');
      // "total" runs only on the "true" port of big and the "odd" port of route.
      expect(result.steps.total?.output).toBe(70);
      expect(result.steps.each?.output).toEqual([{ sq: 1 }, { sq: 4 }, { sq: 9 }]);
    });
  }

  it('refuse templates mixed with text, naming the field, in validation and in a run', async () => {
    const mixed = '{{ steps.prep.n }} > {{ 5 }}';
    const wf = workflow((e) => (e === 'steps.prep.n > 5' || e.includes('%') ? mixed : e));
    const message =
      'Not one expression: write it bare or wrapped in a single "{{ }}", not mixed with text or other templates';
    expect(validateWorkflow(wf, defaultRegistry).errors).toEqual([
      { path: 'nodes[2].params.condition', message },
      { path: 'nodes[3].params.cases[0].condition', message },
    ]);
    const result = await run(wf);
    expect(result.status).toBe('failed');
    expect(result.steps.big?.error).toMatchObject({
      message: `Invalid params for "big": params.condition: ${message}`,
      retryable: false,
    });
  });

  it('still report syntax errors inside the braces', () => {
    const wf = workflow((e) => `{{ ${e} + }}`);
    const paths = validateWorkflow(wf, defaultRegistry).errors.map((e) => e.path);
    expect(paths).toEqual([
      'nodes[2].params.condition',
      'nodes[3].params.cases[0].condition',
      'nodes[4].params.expression',
      'nodes[5].params.items',
    ]);
  });
});
