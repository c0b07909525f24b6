import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../definition/workflow.schema';
import type { StepType } from '../steps/step-type';
import { buildWorkflow } from '../testing/build-workflow';
import { createRegistry, fakeStepTypes } from '../testing/fake-steps';
import { createMemoryPorts } from '../testing/memory-ports';
import { createVirtualTime } from '../testing/virtual-time';
import { runInline, type InlineRunOptions } from './run-inline';

function setup(workflows: Record<string, WorkflowDefinition> = {}, extraTypes: StepType[] = []) {
  const time = createVirtualTime(0);
  const registry = createRegistry([...fakeStepTypes, ...extraTypes]);
  const run = (workflow: WorkflowDefinition, extra: Partial<InlineRunOptions> = {}) =>
    runInline({
      workflow,
      registry,
      ports: { ...createMemoryPorts(), clock: time.clock, timer: time.timer },
      resolveWorkflow: (id) => {
        const found = workflows[id];
        if (!found) throw new Error(`No workflow "${id}"`);
        return found;
      },
      ...extra,
    });
  return { time, run };
}

describe('runInline', () => {
  it('runs branches with expressions to completion', async () => {
    const { run } = setup();
    const wf = buildWorkflow(
      {
        t: 'trigger',
        check: { type: 'if', params: { condition: '{{ input.amount > 100 }}' } },
        big: { type: 'set', params: { value: 'big: {{ input.amount }}' } },
        small: { type: 'set', params: { value: 'small' } },
        total: {
          type: 'expr',
          params: { expression: 'steps.big & " / " & $string(steps.check.amount)' },
        },
      },
      ['t -> check', 'check:true -> big', 'check:false -> small', 'big -> total'],
    );
    const result = await run(wf, { input: { amount: 150 } });
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ small: undefined, total: 'big: 150 / 150' });
    expect(result.steps.small?.status).toBe('skipped');
    expect(result.steps.big).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      output: 'big: 150',
    });
  });

  it('retries on virtual time and reports attempts and duration', async () => {
    const { run, time } = setup();
    const wf = buildWorkflow(
      {
        t: 'trigger',
        f: {
          type: 'flaky',
          params: { failures: 2 },
          retry: { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 1000 },
        },
      },
      ['t -> f'],
    );
    const result = await run(wf, {
      ports: {
        ...createMemoryPorts(),
        clock: time.clock,
        timer: time.timer,
        random: { next: () => 0 },
      },
    });
    expect(result.status).toBe('succeeded');
    expect(result.steps.f).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      output: { attempt: 3 },
    });
    expect(time.clock.now()).toBe(3000);
    expect(result.steps.f?.durationMs).toBe(3000);
    expect(result.attempts.filter((a) => a.nodeId === 'f')).toEqual([
      { nodeId: 'f', attempt: 1, status: 'failed', error: expect.anything(), at: 0 },
      { nodeId: 'f', attempt: 2, status: 'failed', error: expect.anything(), at: 1000 },
      {
        nodeId: 'f',
        attempt: 3,
        status: 'succeeded',
        output: { attempt: 3 },
        port: 'out',
        at: 3000,
      },
    ]);
  });

  it('times steps out and routes the failure to the error port', async () => {
    const { run } = setup();
    const wf = buildWorkflow(
      {
        t: 'trigger',
        h: { type: 'hang', timeoutMs: 500, onError: 'errorPort' },
        oops: { type: 'set', params: { value: '{{ steps.h.error.message }}' } },
      },
      ['t -> h', 'h:error -> oops'],
    );
    const result = await run(wf);
    expect(result.status).toBe('succeeded');
    expect(result.steps.h?.status).toBe('failed');
    expect(result.output).toEqual({ oops: 'Step "h" timed out after 500 ms' });
  });

  it('waits durably on delays', async () => {
    const { run, time } = setup();
    const wf = buildWorkflow({ t: 'trigger', d: { type: 'delay', params: { ms: 60_000 } } }, [
      't -> d',
    ]);
    const result = await run(wf);
    expect(result.output).toEqual({ d: { waitedMs: 60_000 } });
    expect(time.clock.now()).toBe(60_000);
    // The waiting record is replaced by the attempt's end: one record per attempt.
    expect(result.attempts.filter((a) => a.nodeId === 'd')).toEqual([
      {
        nodeId: 'd',
        attempt: 1,
        status: 'succeeded',
        output: { waitedMs: 60_000 },
        port: 'out',
        at: 60_000,
      },
    ]);
  });

  it('runs for-each children in item order within the concurrency limit', async () => {
    let active = 0;
    let peak = 0;
    const enter: StepType = {
      ...(fakeStepTypes.find((t) => t.id === 'set') as StepType),
      id: 'enter',
      params: z.object({}),
      execute: async (_p, ctx) => {
        active++;
        peak = Math.max(peak, active);
        return { output: ctx.input };
      },
    };
    const leave: StepType = {
      ...enter,
      id: 'leave',
      execute: async (_p, ctx) => {
        active--;
        return { output: (ctx.input as { v: number }).v * 10 };
      },
    };
    const child = buildWorkflow(
      {
        t: 'trigger',
        in: 'enter',
        wait: { type: 'delay', params: { ms: '{{ input.ms }}' } },
        out: 'leave',
      },
      ['t -> in', 'in -> wait', 'wait -> out'],
    );
    const { run } = setup({ child }, [enter, leave]);
    const items = [5, 1, 4, 2, 3].map((v) => ({ v, ms: v * 100 }));
    const wf = buildWorkflow(
      {
        t: 'trigger',
        loop: {
          type: 'forEach',
          params: { workflowId: 'child', items: '{{ input }}', concurrency: 2 },
        },
      },
      ['t -> loop'],
    );
    const result = await run(wf, { input: items });
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({
      loop: [{ out: 50 }, { out: 10 }, { out: 40 }, { out: 20 }, { out: 30 }],
    });
    expect(peak).toBe(2);
  });

  it('fails the step when a child run fails, and runs sub-workflows', async () => {
    const child = buildWorkflow(
      { t: 'trigger', f: { type: 'fail', params: { message: 'child broke' } } },
      ['t -> f'],
    );
    const echo = buildWorkflow(
      { t: 'trigger', r: { type: 'respond', params: { body: { got: '{{ input }}' } } } },
      ['t -> r'],
    );
    const { run } = setup({ child, echo });
    const bad = await run(
      buildWorkflow(
        { t: 'trigger', loop: { type: 'forEach', params: { workflowId: 'child', items: [1] } } },
        ['t -> loop'],
      ),
    );
    expect(bad.status).toBe('failed');
    expect(bad.error?.message).toMatch(
      /Child run 0 of workflow "child" failed: Step "f" failed: child broke/,
    );
    const good = await run(
      buildWorkflow(
        { t: 'trigger', sub: { type: 'subWorkflow', params: { workflowId: 'echo', input: 7 } } },
        ['t -> sub'],
      ),
    );
    expect(good.output).toEqual({ sub: { got: 7 } });
    const missing = await run(
      buildWorkflow(
        { t: 'trigger', sub: { type: 'subWorkflow', params: { workflowId: 'nope' } } },
        ['t -> sub'],
      ),
    );
    expect(missing.error?.message).toMatch(/No workflow "nope"/);
  });

  it('stops a workflow that calls itself forever', async () => {
    const workflows: Record<string, WorkflowDefinition> = {};
    workflows.self = buildWorkflow(
      { t: 'trigger', again: { type: 'subWorkflow', params: { workflowId: 'self' } } },
      ['t -> again'],
    );
    const { run } = setup(workflows);
    const result = await run(workflows.self, { maxDepth: 3 });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/nest deeper than 3/);
  });

  it('cancels through the abort signal', async () => {
    const { run } = setup();
    const controller = new AbortController();
    const pending = run(
      buildWorkflow({ t: 'trigger', h: 'hang', after: 'set' }, ['t -> h', 'h -> after']),
      {
        signal: controller.signal,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const result = await pending;
    expect(result.status).toBe('cancelled');
    expect(result.steps.h?.status).toBe('cancelled');
    expect(result.steps.after?.status).toBe('cancelled');
  });

  it('fails on the run timeout', async () => {
    const { run } = setup();
    const result = await run(
      buildWorkflow({ t: 'trigger', d: { type: 'delay', params: { ms: 10_000 } } }, ['t -> d']),
      {
        timeoutMs: 1000,
      },
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe('Run timed out after 1000 ms');
  });

  it('reports every event to onEvent', async () => {
    const { run } = setup();
    const seen: string[] = [];
    await run(
      buildWorkflow({ t: 'trigger', a: { type: 'set', params: { value: 1 } } }, ['t -> a']),
      {
        onEvent: (event, state) => seen.push(`${event.type}:${state.status}`),
      },
    );
    expect(seen).toEqual([
      'runStarted:running',
      'stepStarted:running',
      'stepSucceeded:running',
      'stepStarted:running',
      'stepSucceeded:succeeded',
    ]);
  });

  it('masks secrets read by expressions in the result', async () => {
    const { run, time } = setup();
    const wf = buildWorkflow(
      {
        t: 'trigger',
        auth: { type: 'set', params: { value: { header: 'Bearer {{ $secret("api") }}' } } },
      },
      ['t -> auth'],
    );
    const result = await run(wf, {
      ports: {
        ...createMemoryPorts({ secrets: { api: 'tok-123' } }),
        clock: time.clock,
        timer: time.timer,
      },
    });
    expect(result.output).toEqual({ auth: { header: 'Bearer ••••[credentials]' } });
    expect(result.steps.auth?.output).toEqual({ header: 'Bearer ••••[credentials]' });
  });
});

describe('runInline: detached child runs', () => {
  const slow = buildWorkflow({ t: 'trigger', d: { type: 'delay', params: { ms: 60_000 } } }, [
    't -> d',
  ]);
  /** A child that runs until cancelled, keeping its step's signal for the test to check. */
  const signals: AbortSignal[] = [];
  const watch: StepType = {
    ...(fakeStepTypes.find((t) => t.id === 'hang') as StepType),
    id: 'watch',
    execute: (_p, ctx) => {
      signals.push(ctx.signal);
      return new Promise((_, reject) => {
        ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      });
    },
  };
  const endless = buildWorkflow({ t: 'trigger', w: 'watch' }, ['t -> w']);
  const nextTick = () => new Promise((resolve) => setTimeout(resolve, 5));
  /** Starts `slow` without waiting for it, then finishes (or hangs, with `hang`). */
  const fireAndForget = (workflowId = 'slow', hang = false) =>
    buildWorkflow(
      {
        t: 'trigger',
        audit: { type: 'forEach', params: { workflowId, items: [1], wait: false } },
        done: hang ? 'hang' : { type: 'set', params: { value: 'done' } },
      },
      ['t -> audit', 't -> done'],
    );

  it('resolves once the run is final, leaving detached runs going until the signal aborts', async () => {
    signals.length = 0;
    const { run } = setup({ endless }, [watch]);
    const controller = new AbortController();
    const result = await run(fireAndForget('endless'), { signal: controller.signal });
    expect(result.status).toBe('succeeded');
    expect(result.detached).toBeUndefined();
    await nextTick();
    expect(signals.map((s) => s.aborted)).toEqual([false]);
    // Aborting the finished run's signal still reaches the detached child.
    controller.abort(new Error('shutting down'));
    expect(signals.map((s) => s.aborted)).toEqual([true]);
  });

  it('with awaitDetached, waits for every detached run in the tree and lists them', async () => {
    const middle = buildWorkflow(
      {
        t: 'trigger',
        loop: { type: 'forEach', params: { workflowId: 'slow', items: [1, 2], wait: false } },
      },
      ['t -> loop'],
    );
    const { run, time } = setup({ slow, middle });
    const wf = buildWorkflow(
      { t: 'trigger', sub: { type: 'subWorkflow', params: { workflowId: 'middle' } } },
      ['t -> sub'],
    );
    const result = await run(wf, { awaitDetached: true });
    expect(result.status).toBe('succeeded');
    expect(time.clock.now()).toBe(60_000);
    expect(result.detached).toEqual([
      {
        runId: 'inline-run/sub[0]/loop[0]',
        nodeId: 'loop',
        index: 0,
        workflowId: 'slow',
        status: 'succeeded',
      },
      {
        runId: 'inline-run/sub[0]/loop[1]',
        nodeId: 'loop',
        index: 1,
        workflowId: 'slow',
        status: 'succeeded',
      },
    ]);
  });

  it('reports a detached run that cannot start as failed', async () => {
    const { run } = setup();
    const result = await run(fireAndForget('nope'), { awaitDetached: true });
    expect(result.status).toBe('succeeded');
    expect(result.detached).toMatchObject([
      { nodeId: 'audit', status: 'failed', error: { message: 'No workflow "nope"' } },
    ]);
  });

  it('cancels detached runs still going at the run deadline', async () => {
    const { run, time } = setup({ slow });
    const result = await run(fireAndForget(), { awaitDetached: true, timeoutMs: 1000 });
    expect(result.status).toBe('succeeded');
    expect(time.clock.now()).toBe(1000);
    expect(result.detached).toMatchObject([
      { status: 'cancelled', error: { message: 'Cancelled: Run timed out after 1000 ms' } },
    ]);
  });

  it('cancels the run and its detached runs with the abort reason', async () => {
    signals.length = 0;
    const { run } = setup({ endless }, [watch]);
    const controller = new AbortController();
    const pending = run(fireAndForget('endless', true), {
      signal: controller.signal,
      awaitDetached: true,
    });
    await nextTick();
    expect(signals).toHaveLength(1);
    controller.abort(new Error('interrupted by SIGINT'));
    const result = await pending;
    expect(result.status).toBe('cancelled');
    expect(result.error?.message).toBe('Cancelled: interrupted by SIGINT');
    expect(result.detached).toMatchObject([
      { status: 'cancelled', error: { message: 'Cancelled: interrupted by SIGINT' } },
    ]);
    expect(signals[0]?.aborted).toBe(true);
  });
});

describe('runInline: cancellation message', () => {
  const hanging = buildWorkflow({ t: 'trigger', h: 'hang' }, ['t -> h']);

  it.each([
    ['an Error', new Error('user pressed stop'), 'Cancelled: user pressed stop'],
    ['a string', 'deploy in progress', 'Cancelled: deploy in progress'],
    ['anything else', 42, 'Cancelled: aborted'],
  ])('uses the abort reason when it is %s', async (_what, reason, message) => {
    const { run } = setup();
    const controller = new AbortController();
    controller.abort(reason);
    const result = await run(hanging, { signal: controller.signal });
    expect(result.status).toBe('cancelled');
    expect(result.error?.message).toBe(message);
  });
});
