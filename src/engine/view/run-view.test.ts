import { describe, expect, it } from 'vitest';
import type { RunState } from '../run/run-state';
import { startRun } from '../run/start-run';
import { buildWorkflow } from '../testing/build-workflow';
import { testMachine } from '../testing/test-machine';
import type { StoredAttempt } from './attempt-view';
import { runView } from './run-view';

const record = (
  nodeId: string,
  attempt: number,
  status: string,
  startedAt: number,
  finishedAt: number,
  extra: Partial<StoredAttempt> = {},
): StoredAttempt => ({
  nodeId,
  attempt,
  status,
  input: null,
  output: null,
  error: null,
  logs: null,
  startedAt: new Date(startedAt),
  finishedAt: new Date(finishedAt),
  durationMs: finishedAt - startedAt,
  ...extra,
});

const retrying = buildWorkflow(
  {
    t: 'trigger',
    call: { type: 'http', retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 40 } },
    after: { type: 'set', name: 'After' },
  },
  ['t -> call', 'call -> after'],
);

/** The retrying workflow with its call's first attempt failed at 20: attempt 2 at 60. */
function firstAttemptFailed() {
  const m = testMachine(retrying);
  m.start();
  m.send({ type: 'stepSucceeded', nodeId: 't', attempt: 1, output: {} }, 10);
  m.send({ type: 'stepFailed', nodeId: 'call', attempt: 1, error: { message: 'HTTP 503' } }, 20);
  const attempts = [
    record('t', 1, 'succeeded', 0, 10, { output: {} }),
    record('call', 1, 'failed', 10, 20, { error: { message: 'HTTP 503' } }),
  ];
  return { m, attempts };
}

const statuses = (view: ReturnType<typeof runView>) =>
  Object.fromEntries(view.nodes.map((n) => [n.id, n.status]));

describe('runView: a run that has not started', () => {
  it('shows every step pending when the run has no state yet (older rows)', () => {
    const view = runView({ definition: retrying, state: null, attempts: [], now: 5 });
    expect(view.nodes).toEqual([
      { id: 't', name: 't', type: 'trigger', status: 'pending', attempts: 0, history: [] },
      { id: 'call', name: 'call', type: 'http', status: 'pending', attempts: 0, history: [] },
      { id: 'after', name: 'After', type: 'set', status: 'pending', attempts: 0, history: [] },
    ]);
    expect(view.timeline).toEqual([
      { nodeId: 't', bars: [] },
      { nodeId: 'call', bars: [] },
      { nodeId: 'after', bars: [] },
    ]);
  });

  it('shows every step pending from the initial state of a queued run', () => {
    const state = startRun({ workflow: retrying, runId: 'r', workflowId: 'w', now: 0 });
    const view = runView({ definition: retrying, state, attempts: [], now: 5 });
    expect(statuses(view)).toEqual({ t: 'pending', call: 'pending', after: 'pending' });
    expect(view.timeline.flatMap((r) => r.bars)).toEqual([]);
  });
});

describe('runView: step status comes from the state alone', () => {
  it('shows a step scheduled for its next attempt while the last record is a failure', () => {
    const { m, attempts } = firstAttemptFailed();
    const view = runView({ definition: retrying, state: m.state, attempts, now: 30 });
    const call = view.nodes[1]!;
    expect(call).toMatchObject({ status: 'scheduled', attempts: 2, retryAt: 60, startedAt: 10 });
    expect(call.history).toEqual([
      {
        attempt: 1,
        status: 'failed',
        error: { message: 'HTTP 503' },
        startedAt: 10,
        finishedAt: 20,
        durationMs: 10,
      },
    ]);
    expect(view.nodes[2]).toMatchObject({ status: 'pending', attempts: 0, history: [] });
  });

  it('shows what a step received: the output of the step before, once it has run', () => {
    const m = testMachine(retrying);
    m.start();
    m.send({ type: 'stepSucceeded', nodeId: 't', attempt: 1, output: { order: 7 } }, 10);
    const view = runView({ definition: retrying, state: m.state, attempts: [], now: 30 });
    expect(view.nodes[0]).not.toHaveProperty('received');
    expect(view.nodes[1]).toMatchObject({ received: { order: 7 } });
    expect(view.nodes[2]).not.toHaveProperty('received');
  });

  it('times a step from when its first attempt began executing, not from when it was queued', () => {
    const m = testMachine(retrying);
    m.start();
    m.send({ type: 'stepSucceeded', nodeId: 't', attempt: 1, output: {} }, 10);
    m.send({ type: 'stepSucceeded', nodeId: 'call', attempt: 1, output: {} }, 59);
    const attempts = [record('t', 1, 'succeeded', 0, 10), record('call', 1, 'succeeded', 50, 59)];
    const view = runView({ definition: retrying, state: m.state, attempts, now: 60 });
    expect(view.nodes[1]).toMatchObject({ startedAt: 50, finishedAt: 59, durationMs: 9 });
  });

  it('does not let a record override the state, even for the latest attempt', () => {
    const m = testMachine(retrying);
    m.start();
    m.send({ type: 'stepSucceeded', nodeId: 't', attempt: 1, output: {} }, 10);
    m.send({ type: 'stepStarted', nodeId: 'call', attempt: 1 }, 11);
    // A record of an attempt the state still runs: the state wins.
    const attempts = [
      record('t', 1, 'succeeded', 0, 10),
      record('call', 1, 'succeeded', 11, 12, { output: { ok: true } }),
    ];
    const view = runView({ definition: retrying, state: m.state, attempts, now: 15 });
    expect(statuses(view)).toEqual({ t: 'succeeded', call: 'running', after: 'pending' });
    expect(view.nodes[1]!.history.map((a) => a.status)).toEqual(['succeeded']);
  });

  it('shows a failed step once its last attempt failed, with every attempt in its history', () => {
    const { m, attempts } = firstAttemptFailed();
    m.send({ type: 'stepFailed', nodeId: 'call', attempt: 2, error: { message: 'HTTP 502' } }, 70);
    m.send({ type: 'stepFailed', nodeId: 'call', attempt: 3, error: { message: 'HTTP 500' } }, 120);
    attempts.push(
      record('call', 3, 'failed', 110, 120, { error: { message: 'HTTP 500' } }),
      record('call', 2, 'failed', 60, 70, { error: { message: 'HTTP 502' } }),
    );
    const view = runView({ definition: retrying, state: m.state, attempts, now: 500 });
    expect(statuses(view)).toEqual({ t: 'succeeded', call: 'failed', after: 'skipped' });
    const call = view.nodes[1]!;
    expect(call).toMatchObject({ attempts: 3, startedAt: 10, finishedAt: 120, durationMs: 110 });
    expect(call).not.toHaveProperty('retryAt');
    expect(call.history.map((a) => [a.attempt, a.error?.message])).toEqual([
      [1, 'HTTP 503'],
      [2, 'HTTP 502'],
      [3, 'HTTP 500'],
    ]);
  });

  it('shows skipped branches and cancelled steps as the state has them', () => {
    const definition = buildWorkflow(
      { t: 'trigger', check: 'if', yes: 'set', no: 'set', wait: 'delay', later: 'set' },
      ['t -> check', 'check:true -> yes', 'check:false -> no', 'yes -> wait', 'wait -> later'],
    );
    const m = testMachine(definition);
    m.start();
    m.ok('t');
    m.ok('check', true, 'true');
    m.ok('yes');
    m.send({
      type: 'stepSuspended',
      nodeId: 'wait',
      attempt: 1,
      suspension: { kind: 'delay', until: 1000 },
    });
    m.send({ type: 'cancelRequested' }, 50);
    const view = runView({ definition, state: m.state, attempts: [], now: 50 });
    expect(statuses(view)).toEqual({
      t: 'succeeded',
      check: 'succeeded',
      yes: 'succeeded',
      no: 'skipped',
      wait: 'cancelled',
      later: 'cancelled',
    });
    expect(view.nodes.find((n) => n.id === 'wait')).not.toHaveProperty('waitingUntil');
  });
});

describe('runView: attempt history', () => {
  it('keeps input, output, logs and durations, and reads stacks from errors or their details', () => {
    const definition = buildWorkflow({ calc: 'code' });
    const attempts: StoredAttempt[] = [
      record('calc', 2, 'failed', 30, 34, {
        durationMs: null,
        error: {
          message: 'x is not defined',
          details: { stack: 'ReferenceError at line 1', line: 1 },
        },
      }),
      record('calc', 1, 'failed', 0, 3, {
        input: { code: 'return x' },
        error: { message: 'boom', stack: 'Error: boom' },
        logs: [{ level: 'info', message: 'hello' }],
      }),
      { nodeId: 'calc', attempt: 3, status: 'failed', error: 'plain', startedAt: 40 },
      record('gone', 1, 'succeeded', 0, 1),
    ];
    const [calc] = runView({ definition, state: null, attempts, now: 50 }).nodes;
    expect(calc!.history).toEqual([
      {
        attempt: 1,
        status: 'failed',
        input: { code: 'return x' },
        error: { message: 'boom', stack: 'Error: boom' },
        logs: [{ level: 'info', message: 'hello' }],
        startedAt: 0,
        finishedAt: 3,
        durationMs: 3,
      },
      {
        attempt: 2,
        status: 'failed',
        error: {
          message: 'x is not defined',
          stack: 'ReferenceError at line 1',
          details: { line: 1 },
        },
        startedAt: 30,
        finishedAt: 34,
        durationMs: 4,
      },
      { attempt: 3, status: 'failed', error: { message: 'plain' }, startedAt: 40 },
    ]);
  });
  it('keeps no error details that held only the stack', () => {
    const definition = buildWorkflow({ calc: 'code' });
    const attempts: StoredAttempt[] = [
      {
        nodeId: 'calc',
        attempt: 1,
        status: 'failed',
        error: { message: 'm', details: { stack: 's' } },
      },
    ];
    const [calc] = runView({ definition, state: null, attempts, now: 0 }).nodes;
    expect(calc!.history[0]!.error).toEqual({ message: 'm', stack: 's' });
  });
});

describe('runView: timeline', () => {
  it('draws attempts and the backoff still running before the next attempt', () => {
    const { m, attempts } = firstAttemptFailed();
    const view = runView({ definition: retrying, state: m.state, attempts, now: 30 });
    expect(view.timeline[0]!.bars).toEqual([
      { kind: 'attempt', attempt: 1, status: 'succeeded', start: 0, end: 10, open: false },
    ]);
    expect(view.timeline[1]!.bars).toEqual([
      { kind: 'attempt', attempt: 1, status: 'failed', start: 10, end: 20, open: false },
      { kind: 'retryWait', attempt: 2, status: 'waiting', start: 20, end: 30, open: true },
    ]);
    expect(view.timeline[2]!.bars).toEqual([]);
  });

  it('draws the attempt in flight from its backoff end, after the closed wait', () => {
    const { m, attempts } = firstAttemptFailed();
    m.send({ type: 'stepStarted', nodeId: 'call', attempt: 2 }, 62);
    const view = runView({ definition: retrying, state: m.state, attempts, now: 90 });
    expect(view.nodes[1]!.status).toBe('running');
    expect(view.timeline[1]!.bars.map((b) => [b.kind, b.attempt, b.start, b.end, b.open])).toEqual([
      ['attempt', 1, 10, 20, false],
      ['retryWait', 2, 20, 60, false],
      ['attempt', 2, 60, 90, true],
    ]);
  });

  it('draws the waits between recorded retries', () => {
    const { m, attempts } = firstAttemptFailed();
    m.send({ type: 'stepFailed', nodeId: 'call', attempt: 2, error: { message: 'HTTP 502' } }, 70);
    m.send({ type: 'stepSucceeded', nodeId: 'call', attempt: 3, output: 'ok' }, 120);
    attempts.push(
      record('call', 2, 'failed', 60, 70),
      record('call', 3, 'succeeded', 110, 120, { output: 'ok' }),
    );
    const view = runView({ definition: retrying, state: m.state, attempts, now: 130 });
    expect(view.timeline[1]!.bars.map((b) => [b.kind, b.attempt, b.start, b.end])).toEqual([
      ['attempt', 1, 10, 20],
      ['retryWait', 2, 20, 60],
      ['attempt', 2, 60, 70],
      ['retryWait', 3, 70, 110],
      ['attempt', 3, 110, 120],
    ]);
  });

  it('lets a step waiting on a delay last until now, and says when it resumes', () => {
    const definition = buildWorkflow({ t: 'trigger', wait: 'delay' }, ['t -> wait']);
    const m = testMachine(definition);
    m.start();
    m.ok('t');
    m.send(
      {
        type: 'stepSuspended',
        nodeId: 'wait',
        attempt: 1,
        suspension: { kind: 'delay', until: 8000 },
      },
      6,
    );
    const attempts = [record('t', 1, 'succeeded', 0, 1), record('wait', 1, 'waiting', 5, 6)];
    const view = runView({ definition, state: m.state, attempts, now: 500 });
    expect(view.nodes[1]).toMatchObject({ status: 'waiting', waitingUntil: 8000 });
    expect(view.timeline[1]!.bars).toEqual([
      {
        kind: 'attempt',
        attempt: 1,
        status: 'waiting',
        start: 5,
        end: 500,
        open: true,
        until: 8000,
      },
    ]);

    m.send({ type: 'timerFired', timerId: 'delay:wait:1' }, 8000);
    const ended = runView({
      definition,
      state: m.state,
      attempts: [attempts[0]!, record('wait', 1, 'succeeded', 5, 8000)],
      now: 9000,
    });
    expect(ended.nodes[1]).toMatchObject({ status: 'succeeded' });
    expect(ended.nodes[1]).not.toHaveProperty('waitingUntil');
    expect(ended.timeline[1]!.bars).toEqual([
      { kind: 'attempt', attempt: 1, status: 'succeeded', start: 5, end: 8000, open: false },
    ]);
  });

  it('draws a first attempt in flight from when the step was scheduled', () => {
    const m = testMachine(retrying);
    m.start();
    m.send({ type: 'stepSucceeded', nodeId: 't', attempt: 1, output: {} }, 10);
    const state: RunState = m.state;
    const view = runView({
      definition: retrying,
      state,
      attempts: [record('t', 1, 'succeeded', 0, 10)],
      now: 25,
    });
    expect(view.nodes[1]!.status).toBe('scheduled');
    expect(view.nodes[1]).not.toHaveProperty('retryAt');
    expect(view.timeline[1]!.bars).toEqual([
      { kind: 'attempt', attempt: 1, status: 'scheduled', start: 10, end: 25, open: true },
    ]);
  });
});
