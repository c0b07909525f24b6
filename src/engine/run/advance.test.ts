import { describe, expect, it } from 'vitest';
import { buildWorkflow } from '../testing/build-workflow';
import { scheduled, testMachine } from '../testing/test-machine';

describe('advance: flow', () => {
  it('runs a chain step by step and outputs the leaf', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: 'set', b: 'set' }, ['t -> a', 'a -> b']),
    );
    expect(m.state.status).toBe('queued');
    expect(m.start({ x: 1 })).toEqual([
      { type: 'scheduleStep', nodeId: 't', attempt: 1, notBefore: 0 },
    ]);
    expect(m.state.status).toBe('running');
    expect(m.state.input).toEqual({ x: 1 });
    expect(scheduled(m.ok('t'))).toEqual(['a']);
    expect(scheduled(m.ok('a'))).toEqual(['b']);
    expect(m.ok('b', { done: true })).toEqual([
      { type: 'finishRun', status: 'succeeded', output: { b: { done: true } } },
    ]);
    expect(m.state.status).toBe('succeeded');
    expect(m.state.output).toEqual({ b: { done: true } });
  });

  it('schedules independent branches together', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: 'set', b: 'set', c: 'set' }, ['t -> a', 't -> b', 't -> c']),
    );
    m.start();
    expect(scheduled(m.ok('t'))).toEqual(['a', 'b', 'c']);
    m.ok('b');
    m.ok('a');
    m.ok('c');
    expect(m.state.output).toEqual({ a: 'a', b: 'b', c: 'c' });
  });

  it('joins a diamond only when both sides are done', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: 'set', b: 'set', j: 'merge' }, [
        't -> a',
        't -> b',
        'a -> j',
        'b -> j',
      ]),
    );
    m.start();
    m.ok('t');
    expect(scheduled(m.ok('a'))).toEqual([]);
    expect(m.status('j')).toBe('pending');
    expect(scheduled(m.ok('b'))).toEqual(['j']);
    m.ok('j');
    expect(m.state.status).toBe('succeeded');
  });

  it('skips exactly the exclusive descendants of an untaken branch', () => {
    // if -> true: a -> a2 -> join ; false: b -> b2 -> join ; b also feeds bOnly
    const m = testMachine(
      buildWorkflow(
        {
          t: 'trigger',
          i: 'if',
          a: 'set',
          a2: 'set',
          b: 'set',
          b2: 'set',
          bOnly: 'set',
          j: 'set',
          after: 'set',
        },
        [
          't -> i',
          'i:true -> a',
          'a -> a2',
          'a2 -> j',
          'i:false -> b',
          'b -> b2',
          'b2 -> j',
          'b -> bOnly',
          'j -> after',
        ],
      ),
    );
    m.start();
    m.ok('t');
    expect(scheduled(m.ok('i', 'x', 'true'))).toEqual(['a']);
    expect(m.status('b')).toBe('skipped');
    expect(m.status('b2')).toBe('skipped');
    expect(m.status('bOnly')).toBe('skipped');
    expect(m.status('j')).toBe('pending');
    m.ok('a');
    expect(scheduled(m.ok('a2'))).toEqual(['j']);
    m.ok('j');
    m.ok('after');
    expect(m.state.status).toBe('succeeded');
    expect(m.state.output).toEqual({ after: 'after' });
  });

  it('skips nested branches inside a skipped branch and through switch ports', () => {
    const m = testMachine(
      buildWorkflow(
        { t: 'trigger', s: 'switch', x: 'if', x1: 'set', x2: 'set', y: 'set', d: 'set' },
        ['t -> s', 's:x -> x', 'x:true -> x1', 'x:false -> x2', 's:y -> y', 's:default -> d'],
      ),
    );
    m.start();
    m.ok('t');
    expect(scheduled(m.ok('s', 'y', 'y'))).toEqual(['y']);
    expect(['x', 'x1', 'x2', 'd'].map((id) => m.status(id))).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    m.ok('y');
    expect(m.state.status).toBe('succeeded');
    expect(m.state.output).toEqual({ y: 'y' });
  });

  it('lets a merge wait only for branches that can still arrive', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', i: 'if', a: 'set', b: 'set', m: 'merge' }, [
        't -> i',
        'i:true -> a',
        'i:false -> b',
        'a -> m',
        'b -> m',
      ]),
    );
    m.start();
    m.ok('t');
    m.ok('i', null, 'false');
    expect(scheduled(m.ok('b'))).toEqual(['m']);
  });

  it("runs a 'first' merge on the first arrival and ignores later ones", () => {
    const m = testMachine(
      buildWorkflow(
        {
          t: 'trigger',
          a: 'set',
          b: 'set',
          m: { type: 'merge', params: { mode: 'first' } },
          z: 'set',
        },
        ['t -> a', 't -> b', 'a -> m', 'b -> m', 'm -> z'],
      ),
    );
    m.start();
    m.ok('t');
    expect(scheduled(m.ok('b'))).toEqual(['m']);
    expect(scheduled(m.ok('a'))).toEqual([]);
    expect(m.node('m')).toMatchObject({ status: 'scheduled', attempts: 1 });
    m.ok('m');
    m.ok('z');
    expect(m.state.status).toBe('succeeded');
  });

  it('skips a node whose every incoming edge is dead, even a merge', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', i: 'if', m: { type: 'merge', params: { mode: 'first' } } }, [
        't -> i',
        'i:true -> m',
      ]),
    );
    m.start();
    m.ok('t');
    m.ok('i', null, 'false');
    expect(m.status('m')).toBe('skipped');
    expect(m.state.status).toBe('succeeded');
    expect(m.state.output).toEqual({});
  });

  it("uses the respond step's output as the run output", () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', r: 'respond', after: 'set' }, ['t -> r', 'r -> after']),
    );
    m.start();
    m.ok('t');
    m.ok('r', { status: 202 });
    m.ok('after');
    expect(m.state.output).toEqual({ status: 202 });
  });

  it('marks a step running on stepStarted and restarts its timeout from then', () => {
    const m = testMachine(buildWorkflow({ t: { type: 'trigger', timeoutMs: 100 } }));
    expect(m.start()).toContainEqual({ type: 'startTimer', timerId: 'step-timeout:t:1', at: 100 });
    m.now = 40;
    expect(m.send({ type: 'stepStarted', nodeId: 't', attempt: 1 })).toEqual([
      { type: 'startTimer', timerId: 'step-timeout:t:1', at: 140 },
    ]);
    expect(m.node('t')).toMatchObject({ status: 'running', startedAt: 40 });
    expect(m.ok('t')).toContainEqual({ type: 'cancelTimer', timerId: 'step-timeout:t:1' });
  });

  it('finishes an empty workflow at once', () => {
    const m = testMachine(buildWorkflow({}));
    expect(m.start()).toEqual([{ type: 'finishRun', status: 'succeeded', output: {} }]);
  });

  it('fails a run that can never finish (a cycle that skipped validation)', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', a: 'set', b: 'set' }, ['t -> a', 'a -> b', 'b -> a']),
    );
    m.start();
    m.ok('t');
    expect(m.state.status).toBe('failed');
    expect(m.state.error?.message).toMatch(/stalled/);
    expect(m.status('a')).toBe('skipped');
  });

  it('never modifies the state it was given', () => {
    const m = testMachine(buildWorkflow({ t: 'trigger', a: 'set' }, ['t -> a']));
    m.start();
    const before = m.state;
    const snapshot = structuredClone(before);
    m.ok('t');
    expect(before).toEqual(snapshot);
    expect(m.state).not.toBe(before);
  });
});
