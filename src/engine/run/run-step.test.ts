import { describe, expect, it } from 'vitest';
import { buildWorkflow } from '../testing/build-workflow';
import { createRegistry } from '../testing/fake-steps';
import { createMemoryPorts } from '../testing/memory-ports';
import { createVirtualTime } from '../testing/virtual-time';
import type { WorkflowNode } from '../definition/workflow.schema';
import { runStep, type RunStepOptions } from './run-step';

const registry = createRegistry();

function options(
  node: Partial<WorkflowNode> & { type: string },
  extra: Partial<RunStepOptions> = {},
): RunStepOptions {
  const time = createVirtualTime(1000);
  return {
    registry,
    node: { id: 'n', params: {}, ...node },
    attempt: 1,
    run: { id: 'r', workflowId: 'w', attempt: 1 },
    input: { name: 'Ada', items: [1, 2] },
    steps: { prev: { ok: true } },
    predecessors: { prev: { ok: true } },
    vars: { greeting: 'Hello' },
    ports: {
      ...createMemoryPorts({ secrets: { token: 't0k' } }),
      clock: time.clock,
      timer: time.timer,
    },
    ...extra,
  };
}

describe('runStep', () => {
  it('resolves params and reports success', async () => {
    const event = await runStep(
      options({ type: 'set', params: { value: '{{ vars.greeting }} {{ input.name }}' } }),
    );
    expect(event).toEqual({ type: 'stepSucceeded', nodeId: 'n', attempt: 1, output: 'Hello Ada' });
  });

  it('tells the params as resolved for the attempt', async () => {
    const seen: unknown[] = [];
    await runStep(
      options(
        { type: 'set', params: { value: '{{ input.name }}' } },
        { onParams: (params) => seen.push(params) },
      ),
    );
    expect(seen).toEqual([{ value: 'Ada' }]);
  });

  it('reports the port a router took', async () => {
    const event = await runStep(
      options({ type: 'if', params: { condition: '{{ steps.prev.ok }}' } }),
    );
    expect(event).toMatchObject({ type: 'stepSucceeded', port: 'true', output: { ok: true } });
  });

  it('gives steps an evaluator with secrets', async () => {
    const event = await runStep(
      options({
        type: 'expr',
        params: { expression: '$secret("token") & "/" & $count(input.items)' },
      }),
    );
    expect(event).toMatchObject({ type: 'stepSucceeded', output: 't0k/2' });
  });

  it('reports suspensions', async () => {
    const event = await runStep(options({ type: 'delay', params: { ms: 500 } }));
    expect(event).toEqual({
      type: 'stepSuspended',
      nodeId: 'n',
      attempt: 1,
      suspension: { kind: 'delay', until: 1500, output: { waitedMs: 500 } },
    });
  });

  it('fails without retry on unknown types, bad params and expressions that do not parse', async () => {
    expect(await runStep(options({ type: 'ghost' }))).toMatchObject({
      type: 'stepFailed',
      error: { message: 'Unknown step type "ghost"', retryable: false },
    });
    expect(
      await runStep(options({ type: 'delay', params: { ms: '{{ input.name }}' } })),
    ).toMatchObject({
      type: 'stepFailed',
      error: {
        message: expect.stringMatching(/Invalid params for "n": params\.ms: /),
        retryable: false,
      },
    });
    expect(
      await runStep(options({ type: 'set', params: { value: '{{ $count(input.items }}' } })),
    ).toMatchObject({
      type: 'stepFailed',
      error: {
        message: expect.stringMatching(/Expression "\$count\(input\.items" failed/),
        retryable: false,
      },
    });
  });

  it('leaves an expression that fails to evaluate to the retry setting', async () => {
    const event = await runStep(
      options({ type: 'set', params: { value: '{{ $number(input.name) }}' } }),
    );
    expect(event).toMatchObject({
      type: 'stepFailed',
      error: { message: expect.stringMatching(/Expression "\$number\(input\.name\)" failed/) },
    });
    expect(event.type === 'stepFailed' && event.error.retryable).toBeUndefined();
  });

  it("passes a StepError's retryable flag and plain errors' messages", async () => {
    expect(
      await runStep(options({ type: 'fail', params: { message: 'nope', retryable: false } })),
    ).toMatchObject({
      error: { message: 'nope', retryable: false },
    });
    expect(await runStep(options({ type: 'flaky', params: { failures: 1 } }))).toEqual({
      type: 'stepFailed',
      nodeId: 'n',
      attempt: 1,
      error: { message: 'flaky failure 1' },
    });
  });

  it('enforces timeoutMs and aborts the step', async () => {
    const event = await runStep(options({ type: 'hang', timeoutMs: 250 }));
    expect(event).toEqual({
      type: 'stepFailed',
      nodeId: 'n',
      attempt: 1,
      error: { message: 'Step "n" timed out after 250 ms', retryable: true },
    });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = runStep(options({ type: 'hang' }, { signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({
      type: 'stepFailed',
      error: { message: 'Step was cancelled' },
    });
  });

  it('keeps workflow params intact', async () => {
    const wf = buildWorkflow({ a: { type: 'set', params: { value: '{{ input.name }}' } } });
    const node = wf.nodes[0] as WorkflowNode;
    await runStep(options({ ...node }));
    expect(node.params).toEqual({ value: '{{ input.name }}' });
  });
});
