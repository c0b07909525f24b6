import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../ports';
import { defaultRegistry } from '../steps/registry';
import { buildWorkflow } from '../testing/build-workflow';
import { coverageOf } from './coverage';
import { runTestCase } from './run-test-case';
import type { TestCase } from './test-file.schema';

const sandbox: Sandbox = { run: () => Promise.reject(new Error('no sandbox')) };

const workflow = buildWorkflow(
  {
    start: 'manual',
    charge: { type: 'http', params: { url: 'https://pay.test/' }, onError: 'errorPort' },
    big: { type: 'if', params: { condition: 'input.amount > 100' } },
    review: { type: 'set', params: { values: { review: true } } },
    ok: { type: 'set', params: { values: { review: false } } },
    refund: { type: 'set', params: { values: { refund: true } } },
  },
  [
    'start -> charge',
    'charge -> big',
    'charge:error -> refund',
    'big:true -> review',
    'big:false -> ok',
  ],
);

const run = (testCase: TestCase) =>
  runTestCase({ workflow, workflowId: 'w', testCase, registry: defaultRegistry, sandbox });

describe('coverageOf', () => {
  it('counts steps run and branches taken across cases, and lists what none reached', async () => {
    const small = await run({
      name: 'small',
      input: { amount: 5 },
      mocks: { charge: { output: {} } },
    });
    const one = coverageOf(workflow, defaultRegistry, [small.attempts]);
    expect(one.steps).toEqual({ covered: 4, total: 6 });
    // Ports: charge:error, big:true, big:false; edges: five.
    expect(one.branches).toEqual({ covered: 4, total: 8 });
    expect(one.items.filter((i) => !i.covered).map((i) => i.id)).toEqual([
      'review',
      'refund',
      'charge:error',
      'big:true',
      'charge:error->refund',
      'big:true->review',
    ]);
    expect(one.percent).toBe(57.1);

    const big = await run({
      name: 'big',
      input: { amount: 500 },
      mocks: { charge: { output: {} } },
    });
    const declined = await run({ name: 'declined', mocks: { charge: { error: 'declined' } } });
    const all = coverageOf(workflow, defaultRegistry, [
      small.attempts,
      big.attempts,
      declined.attempts,
    ]);
    expect(all.items.filter((i) => !i.covered)).toEqual([]);
    expect(all.percent).toBe(100);
  });

  it('is complete for no steps at all, and empty for no runs', () => {
    const empty = buildWorkflow({});
    expect(coverageOf(empty, defaultRegistry, []).percent).toBe(100);
    expect(coverageOf(workflow, defaultRegistry, []).percent).toBe(0);
  });
});
