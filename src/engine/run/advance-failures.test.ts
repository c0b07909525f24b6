import { describe, expect, it } from 'vitest';
import { buildWorkflow } from '../testing/build-workflow';
import { scheduled, testMachine } from '../testing/test-machine';

const retry = (maxAttempts: number, backoff: 'fixed' | 'exponential' = 'fixed') => ({
  maxAttempts,
  backoff,
  initialDelayMs: 100,
});

describe('advance: retries', () => {
  it('retries with backoff and counts attempts exactly', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: { type: 'flaky', retry: retry(3) } }, ['t -> a']),
    );
    m.start();
    m.ok('t');
    m.now = 10;
    expect(m.fail('a', 'e1', 1)).toEqual([
      { type: 'scheduleStep', nodeId: 'a', attempt: 2, notBefore: 110 },
    ]);
    expect(m.node('a')).toMatchObject({
      status: 'scheduled',
      attempts: 2,
      error: { message: 'e1' },
    });
    m.now = 200;
    expect(scheduled(m.fail('a', 'e2', 2))).toEqual(['a']);
    expect(m.node('a').notBefore).toBe(300);
    m.fail('a', 'e3', 3);
    expect(m.node('a')).toMatchObject({ status: 'failed', attempts: 3, error: { message: 'e3' } });
    expect(m.state.status).toBe('failed');
    expect(m.state.error).toEqual({ message: 'Step "a" failed: e3', nodeId: 'a' });
  });

  it('succeeds on a later attempt', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: { type: 'flaky', retry: retry(5, 'exponential') } }, [
        't -> a',
      ]),
    );
    m.start();
    m.ok('t');
    m.fail('a', 'x', 1);
    expect(m.node('a').notBefore).toBe(90); // 100 * (1 - 0.2 * 0.5)
    m.fail('a', 'x', 2);
    expect(m.node('a').notBefore).toBe(180);
    m.ok('a', 'fine', undefined, 3);
    expect(m.node('a')).toMatchObject({ status: 'succeeded', attempts: 3, output: 'fine' });
    expect(m.state.status).toBe('succeeded');
  });

  it('does not retry an error marked not retryable', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: { type: 'fail', retry: retry(3) } }, ['t -> a']),
    );
    m.start();
    m.ok('t');
    m.fail('a', 'bad input', 1, false);
    expect(m.node('a')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(m.state.status).toBe('failed');
  });

  it('ignores results of an attempt that is no longer current', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: { type: 'flaky', retry: retry(3) } }, ['t -> a']),
    );
    m.start();
    m.ok('t');
    m.fail('a', 'x', 1);
    const state = m.state;
    expect(m.ok('a', 'late', undefined, 1)).toEqual([]);
    expect(m.fail('a', 'dup', 1)).toEqual([]);
    expect(m.state).toBe(state);
  });
});

describe('advance: timeouts', () => {
  it('treats a fired step timeout as a failed attempt and retries', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: { type: 'hang', timeoutMs: 50, retry: retry(2) } }, [
        't -> a',
      ]),
    );
    m.start();
    expect(m.ok('t')).toContainEqual({ type: 'startTimer', timerId: 'step-timeout:a:1', at: 50 });
    const commands = m.send({ type: 'timerFired', timerId: 'step-timeout:a:1' }, 50);
    expect(commands).toEqual([
      { type: 'cancelStep', nodeId: 'a', attempt: 1 },
      { type: 'scheduleStep', nodeId: 'a', attempt: 2, notBefore: 150 },
      { type: 'startTimer', timerId: 'step-timeout:a:2', at: 200 },
    ]);
    expect(m.node('a').error).toEqual({
      message: 'Step "a" timed out after 50 ms',
      retryable: true,
    });
    m.send({ type: 'timerFired', timerId: 'step-timeout:a:2' }, 200);
    expect(m.state.status).toBe('failed');
    expect(m.state.error?.message).toMatch(/timed out after 50 ms/);
  });

  it('ignores a timeout timer of a finished attempt', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: { type: 'set', timeoutMs: 50 } }, ['t -> a']),
    );
    m.start();
    m.ok('t');
    m.ok('a');
    expect(m.send({ type: 'timerFired', timerId: 'step-timeout:a:1' })).toEqual([]);
  });

  it('fails the run when the run timeout fires and cancels what runs', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: 'hang', b: 'set' }, ['t -> a', 'a -> b']),
      {
        timeoutMs: 1000,
      },
    );
    expect(m.start()).toContainEqual({ type: 'startTimer', timerId: 'run-timeout', at: 1000 });
    m.ok('t');
    const commands = m.send({ type: 'timerFired', timerId: 'run-timeout' }, 1000);
    expect(commands).toContainEqual({ type: 'cancelStep', nodeId: 'a', attempt: 1 });
    expect(m.state.status).toBe('failed');
    expect(m.state.error?.message).toBe('Run timed out after 1000 ms');
    expect(m.status('a')).toBe('cancelled');
    expect(m.status('b')).toBe('skipped');
  });
});

describe('advance: onError', () => {
  it("routes to the error port with 'errorPort' and kills the normal path", () => {
    const m = testMachine(
      buildWorkflow(
        { t: 'trigger', a: { type: 'fail', onError: 'errorPort' }, ok: 'set', handler: 'set' },
        ['t -> a', 'a -> ok', 'a:error -> handler'],
      ),
    );
    m.start();
    m.ok('t');
    expect(scheduled(m.fail('a', 'nope'))).toEqual(['handler']);
    expect(m.node('a')).toMatchObject({
      status: 'failed',
      port: 'error',
      output: { error: { message: 'nope' } },
    });
    expect(m.status('ok')).toBe('skipped');
    m.ok('handler');
    expect(m.state.status).toBe('succeeded');
  });

  it('skips the error path when the step succeeds', () => {
    const m = testMachine(
      buildWorkflow(
        { t: 'trigger', a: { type: 'set', onError: 'errorPort' }, ok: 'set', handler: 'set' },
        ['t -> a', 'a -> ok', 'a:error -> handler'],
      ),
    );
    m.start();
    m.ok('t');
    expect(scheduled(m.ok('a'))).toEqual(['ok']);
    expect(m.status('handler')).toBe('skipped');
  });

  it("continues with { error } as output on 'continue'", () => {
    const m = testMachine(
      buildWorkflow(
        { t: 'trigger', a: { type: 'fail', onError: 'continue', retry: retry(2) }, b: 'set' },
        ['t -> a', 'a -> b'],
      ),
    );
    m.start();
    m.ok('t');
    m.fail('a', 'first');
    expect(scheduled(m.fail('a', 'second', 2))).toEqual(['b']);
    expect(m.node('a')).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      output: { error: { message: 'second' } },
      error: { message: 'second' },
    });
    m.ok('b');
    expect(m.state.status).toBe('succeeded');
  });
});

describe('advance: cancellation', () => {
  it('cancels running steps, pending ones and the run; later events do nothing', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: { type: 'hang', timeoutMs: 10 }, b: 'hang', c: 'set' }, [
        't -> a',
        't -> b',
        'a -> c',
      ]),
    );
    m.start();
    m.ok('t');
    const commands = m.send({ type: 'cancelRequested', reason: 'user' });
    expect(commands).toEqual([
      { type: 'cancelTimer', timerId: 'step-timeout:a:1' },
      { type: 'cancelStep', nodeId: 'a', attempt: 1 },
      { type: 'cancelStep', nodeId: 'b', attempt: 1 },
      { type: 'finishRun', status: 'cancelled', error: { message: 'Cancelled: user' } },
    ]);
    expect(['t', 'a', 'b', 'c'].map((id) => m.status(id))).toEqual([
      'succeeded',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    const state = m.state;
    expect(m.ok('a')).toEqual([]);
    expect(m.send({ type: 'cancelRequested' })).toEqual([]);
    expect(m.state).toBe(state);
  });

  it('cancels a queued run', () => {
    const m = testMachine(buildWorkflow({ t: 'trigger' }));
    m.send({ type: 'cancelRequested' });
    expect(m.state.status).toBe('cancelled');
    expect(m.status('t')).toBe('cancelled');
    expect(m.start()).toEqual([]);
  });
});

describe('advance: duplicate and stray events', () => {
  it('ignores them without changing the state', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: 'set', b: 'set' }, ['t -> a', 'a -> b']),
    );
    m.start();
    const afterStart = m.state;
    expect(m.start()).toEqual([]);
    expect(m.state).toBe(afterStart);
    m.ok('t');
    const s = m.state;
    for (const event of [
      { type: 'stepSucceeded', nodeId: 't', attempt: 1, output: 'again' },
      { type: 'stepFailed', nodeId: 't', attempt: 1, error: { message: 'late' } },
      { type: 'stepSucceeded', nodeId: 'b', attempt: 1, output: 'too early' },
      { type: 'stepSucceeded', nodeId: 'nope', attempt: 1, output: 1 },
      { type: 'stepSucceeded', nodeId: 'a', attempt: 2, output: 1 },
      { type: 'timerFired', timerId: 'delay:a:1' },
      { type: 'timerFired', timerId: 'garbage' },
      { type: 'timerFired', timerId: 'run-timeout' },
      { type: 'childRunFinished', nodeId: 'a', index: 0, status: 'succeeded' },
    ] as const) {
      expect(m.send(event)).toEqual([]);
      expect(m.state).toBe(s);
    }
  });
});
