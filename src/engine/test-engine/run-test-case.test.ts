import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../ports';
import { defaultRegistry } from '../steps/registry';
import { buildWorkflow } from '../testing/build-workflow';
import { runTestCase, type TestCaseRunOptions } from './run-test-case';
import type { TestCase } from './test-file.schema';

const noSandbox: Sandbox = { run: () => Promise.reject(new Error('no sandbox here')) };
const HOUR = 3_600_000;

/** Trigger, an HTTP call with retries, a one-hour delay, then a branch on the answer. */
const workflow = buildWorkflow(
  {
    start: 'manual',
    fetch: {
      type: 'http',
      params: { url: 'https://api.example.com/orders/{{ input.id }}' },
      retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 60_000 },
    },
    wait: { type: 'delay', params: { ms: HOUR } },
    big: { type: 'if', params: { condition: 'steps.fetch.body.total > 100' } },
    bigTier: { type: 'set', params: { values: { tier: 'big', at: '{{ $now() }}' } } },
    smallTier: { type: 'set', params: { values: { tier: 'small' } } },
  },
  [
    'start -> fetch',
    'fetch -> wait',
    'wait -> big',
    'big:true -> bigTier',
    'big:false -> smallTier',
  ],
);

function run(testCase: TestCase, extra: Partial<TestCaseRunOptions> = {}) {
  return runTestCase({
    workflow,
    workflowId: 'orders',
    testCase,
    registry: defaultRegistry,
    sandbox: noSandbox,
    ...extra,
  });
}

const bigOrder = { fetch: { output: { status: 200, body: { total: 500 } } } };

describe('runTestCase: mocks', () => {
  it('answers a mocked step with its output without running it', async () => {
    const outcome = await run({
      name: 'big',
      input: { id: 7 },
      mocks: bigOrder,
      expect: { status: 'succeeded', steps: { bigTier: { output: { tier: 'big' } } } },
    });
    expect(outcome.failures).toEqual([]);
    expect(outcome.passed).toBe(true);
    expect(outcome.steps.smallTier?.status).toBe('skipped');
  });

  it('fails a mocked step with its error, retrying only when it is retryable', async () => {
    const retried = await run({
      name: 'down',
      mocks: { fetch: { error: 'connection refused', retryable: true } },
      expect: {
        status: 'failed',
        steps: { fetch: { status: 'failed', attempts: 3, error: 'refused' } },
      },
    });
    expect(retried.failures).toEqual([]);
    const final = await run({
      name: 'bad request',
      mocks: { fetch: { error: 'bad request', retryable: false } },
      expect: { steps: { fetch: { attempts: 1 } } },
    });
    expect(final.failures).toEqual([]);
  });

  it('answers a sequence one entry per attempt, the last one repeating', async () => {
    const outcome = await run({
      name: 'flaky',
      mocks: {
        fetch: {
          sequence: [{ error: 'timeout' }, { output: { status: 200, body: { total: 5 } } }],
        },
      },
      expect: {
        status: 'succeeded',
        steps: { fetch: { attempts: 2 }, smallTier: { status: 'succeeded' } },
      },
    });
    expect(outcome.failures).toEqual([]);
  });

  it('fails the case when a step that reaches the world is not mocked', async () => {
    const outcome = await run({ name: 'unmocked', expect: {} });
    expect(outcome.passed).toBe(false);
    expect(outcome.failures[0]).toEqual({
      path: 'mocks.fetch',
      message: 'step fetch is not mocked',
    });
    expect(outcome.steps.fetch?.error?.message).toBe('step fetch is not mocked');
  });

  it('needs no secrets for a mocked step whose params read one', async () => {
    const secretive = buildWorkflow(
      {
        start: 'manual',
        call: {
          type: 'http',
          params: { url: 'https://x.test/', headers: { A: "{{ $secret('T') }}" } },
        },
      },
      ['start -> call'],
    );
    const outcome = await run(
      { name: 's', mocks: { call: { output: 1 } }, expect: { status: 'succeeded' } },
      { workflow: secretive },
    );
    expect(outcome.failures).toEqual([]);
  });
});

describe('runTestCase: expectations', () => {
  it('reports the path, expected and actual of each mismatch', async () => {
    const outcome = await run({
      name: 'wrong',
      mocks: bigOrder,
      expect: {
        status: 'failed',
        steps: { bigTier: { output: { tier: 'small' } }, smallTier: { status: 'succeeded' } },
        assert: ['steps.fetch.attempts = 1', 'output.tier = "nope"'],
      },
    });
    expect(outcome.passed).toBe(false);
    expect(outcome.failures.map((f) => f.path)).toEqual([
      'status',
      'steps.bigTier.output.tier',
      'steps.smallTier.status',
      'assert[1]',
    ]);
    expect(outcome.failures[1]).toMatchObject({ expected: 'small', actual: 'big' });
    expect(outcome.failures[2]).toMatchObject({ expected: 'succeeded', actual: 'skipped' });
  });
});

describe('runTestCase: virtual time', () => {
  it('passes a one-hour delay and the retry back-off on the virtual clock, instantly', async () => {
    const outcome = await run(
      {
        name: 'time',
        now: '2026-03-01T09:00:00Z',
        mocks: {
          fetch: {
            sequence: [{ error: 'timeout' }, { output: { status: 200, body: { total: 500 } } }],
          },
        },
        expect: { steps: { bigTier: { output: { at: '2026-03-01T10:01:00.000Z' } } } },
      },
      { realClock: { now: () => performance.now() } },
    );
    expect(outcome.failures).toEqual([]);
    // One minute of back-off, then the hour.
    expect(outcome.virtualMs).toBe(HOUR + 60_000);
    expect(outcome.realMs).toBeLessThan(1_000);
  });

  it('times out a mocked step whose answer takes longer than its timeout', async () => {
    const slow = buildWorkflow(
      {
        start: 'manual',
        call: { type: 'http', params: { url: 'https://x.test/' }, timeoutMs: 5_000 },
      },
      ['start -> call'],
    );
    const outcome = await run(
      {
        name: 'slow',
        mocks: { call: { output: {}, delayMs: 30_000 } },
        expect: { status: 'failed', steps: { call: { error: 'timed out after 5000 ms' } } },
      },
      { workflow: slow },
    );
    expect(outcome.failures).toEqual([]);
    expect(outcome.virtualMs).toBe(5_000);
  });
});

describe('runTestCase: determinism', () => {
  it('draws the same random numbers for the same case, and others for another case', async () => {
    const dice = buildWorkflow(
      { start: 'manual', roll: { type: 'set', params: { values: { n: '{{ $random() }}' } } } },
      ['start -> roll'],
    );
    const roll = async (name: string) =>
      (await run({ name }, { workflow: dice })).steps.roll?.output as { n: number };
    const [a, b, c] = await Promise.all([roll('one'), roll('one'), roll('two')]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe('runTestCase: real work on virtual time', () => {
  it('keeps the clock still while a code step runs in its sandbox, so its timeout cannot fire early', async () => {
    // Answers after real time has passed: many macrotasks, in which virtual time must not move.
    const slowSandbox: Sandbox = {
      run: () => new Promise((resolve) => setTimeout(() => resolve({ ok: true }), 30)),
    };
    const coded = buildWorkflow(
      {
        start: 'manual',
        compute: { type: 'code', params: { code: 'return 1' }, timeoutMs: 1_000 },
      },
      ['start -> compute'],
    );
    const outcome = await run(
      {
        name: 'code',
        expect: { status: 'succeeded', steps: { compute: { output: { ok: true } } } },
      },
      { workflow: coded, sandbox: slowSandbox },
    );
    expect(outcome.failures).toEqual([]);
    expect(outcome.virtualMs).toBe(0);
  });
});
