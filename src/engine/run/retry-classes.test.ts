import { describe, expect, it } from 'vitest';
import type { WorkflowNode } from '../definition/workflow.schema';
import type { Http, Sandbox } from '../ports';
import { defaultRegistry } from '../steps/registry';
import { StepError } from '../steps/step-type';
import { buildWorkflow } from '../testing/build-workflow';
import { createMemoryPorts } from '../testing/memory-ports';
import { createVirtualTime } from '../testing/virtual-time';
import { runInline } from './run-inline';
import { runStep } from './run-step';

/**
 * Which failures a step's retry setting applies to, with the real step types: every failure,
 * except those a rerun can never fix (invalid params, a refused address, a limit).
 */

const retry = { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 10 } as const;

function ports(overrides: { sandbox?: Sandbox; http?: Http; maxOutputBytes?: number } = {}) {
  const time = createVirtualTime(0);
  return { ...createMemoryPorts(), clock: time.clock, timer: time.timer, ...overrides };
}

/** A sandbox whose code throws `failures` times, as user code does, then returns `value`. */
function flakySandbox(failures: number, value: unknown) {
  const calls: number[] = [];
  const sandbox: Sandbox = {
    run: async () => {
      calls.push(calls.length + 1);
      if (calls.length <= failures) {
        throw Object.assign(new Error(`Code step threw: Error: not yet (${calls.length})`), {
          codeStack: 'at line 1',
        });
      }
      return value;
    },
  };
  return { sandbox, calls };
}

describe('retries in a run', () => {
  it('retries a code step whose code throws, per its retry setting', async () => {
    const { sandbox, calls } = flakySandbox(2, { ok: true });
    const workflow = buildWorkflow(
      {
        start: 'manual',
        compute: { type: 'code', params: { code: 'return next()' }, retry },
      },
      ['start -> compute'],
    );
    const result = await runInline({
      workflow,
      registry: defaultRegistry,
      ports: ports({ sandbox }),
    });
    expect(calls).toEqual([1, 2, 3]);
    expect(result.status).toBe('succeeded');
    expect(result.steps.compute).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      output: { ok: true },
    });
  });

  it('stops after maxAttempts when the code keeps throwing', async () => {
    const { sandbox, calls } = flakySandbox(5, null);
    const workflow = buildWorkflow(
      { start: 'manual', compute: { type: 'code', params: { code: 'x' }, retry } },
      ['start -> compute'],
    );
    const result = await runInline({
      workflow,
      registry: defaultRegistry,
      ports: ports({ sandbox }),
    });
    expect(calls).toEqual([1, 2, 3]);
    expect(result.status).toBe('failed');
    expect(result.steps.compute?.error?.message).toBe('Code step threw: Error: not yet (3)');
  });

  it('retries an expression that fails to evaluate (a secret may be set meanwhile)', async () => {
    const workflow = buildWorkflow(
      {
        start: 'manual',
        read: { type: 'set', params: { values: { v: '{{ $secret("late") }}' } }, retry },
      },
      ['start -> read'],
    );
    const result = await runInline({ workflow, registry: defaultRegistry, ports: ports() });
    expect(result.status).toBe('failed');
    expect(result.steps.read?.attempts).toBe(3);
  });
});

async function attempt(
  node: Omit<WorkflowNode, 'id'>,
  overrides: Parameters<typeof ports>[0] = {},
) {
  return runStep({
    registry: defaultRegistry,
    node: { id: 'n', retry, ...node },
    attempt: 1,
    run: { id: 'r', workflowId: 'w', attempt: 1 },
    input: { items: [1, 2, 3] },
    steps: {},
    predecessors: {},
    vars: {},
    ports: ports(overrides),
  });
}

describe('failures no retry can fix', () => {
  it('invalid params', async () => {
    expect(await attempt({ type: 'delay', params: { ms: -5 } })).toMatchObject({
      type: 'stepFailed',
      error: { message: expect.stringContaining('params.ms'), retryable: false },
    });
  });

  it('an address the SSRF guard refuses', async () => {
    const guard: Http = {
      request: () =>
        Promise.reject(
          new StepError('Refused: 169.254.169.254 is a cloud metadata address', {
            retryable: false,
          }),
        ),
    };
    expect(
      await attempt({ type: 'http', params: { url: 'http://169.254.169.254/' } }, { http: guard }),
    ).toMatchObject({ type: 'stepFailed', error: { retryable: false } });
  });

  it('a limit: an output over the size limit, from any step', async () => {
    const event = await attempt(
      { type: 'set', params: { values: { text: 'x'.repeat(2000) } } },
      { maxOutputBytes: 1024 },
    );
    expect(event).toMatchObject({
      type: 'stepFailed',
      error: {
        message: 'Step output is 2,011 bytes, over the 1 KB limit (MINIFLOW_STEP_OUTPUT_MAX_BYTES)',
        retryable: false,
      },
    });
  });

  it('a limit: more For Each items than allowed', async () => {
    expect(
      await attempt({ type: 'forEach', params: { items: '[1..10001]', workflowId: 'child' } }),
    ).toMatchObject({
      type: 'stepFailed',
      error: { message: 'For Each got 10001 items; the limit is 10000', retryable: false },
    });
  });

  it('a limit the sandbox reports (output over the limit) and invalid JavaScript', async () => {
    for (const message of [
      'Step output is 52,428,812 bytes, over the 1 MB limit (MINIFLOW_STEP_OUTPUT_MAX_BYTES)',
      'Code step has invalid JavaScript: Unexpected token',
    ]) {
      const sandbox: Sandbox = {
        run: () => Promise.reject(Object.assign(new Error(message), { retryable: false })),
      };
      expect(await attempt({ type: 'code', params: { code: 'x' } }, { sandbox })).toMatchObject({
        type: 'stepFailed',
        error: { message, retryable: false },
      });
    }
  });

  it('an expression that does not parse', async () => {
    expect(
      await attempt({ type: 'set', params: { values: { v: '{{ input.items[ }}' } } }),
    ).toMatchObject({ type: 'stepFailed', error: { retryable: false } });
  });
});

describe('stored errors', () => {
  it('are cut to the size limit, naming it', async () => {
    const sandbox: Sandbox = { run: () => Promise.reject(new Error('e'.repeat(5000))) };
    const event = await attempt(
      { type: 'code', params: { code: 'x' } },
      { sandbox, maxOutputBytes: 1024 },
    );
    expect(event.type).toBe('stepFailed');
    const error = (event as { error: { message: string } }).error;
    expect(JSON.stringify(error).length).toBeLessThanOrEqual(1024);
    expect(error.message).toMatch(
      /^e+ … \(cut: the error was [\d,]+ bytes, over the 1 KB limit \(MINIFLOW_STEP_OUTPUT_MAX_BYTES\)\)$/,
    );
  });
});
