import { describe, expect, it } from 'vitest';
import type { RunCommand } from './commands';
import type { Suspension } from '../steps/step-type';
import { buildWorkflow } from '../testing/build-workflow';
import { testMachine } from '../testing/test-machine';

const children = (
  items: unknown[],
  concurrency: number,
  extra: Partial<Suspension> = {},
): Suspension =>
  ({
    kind: 'children',
    workflowId: 'child',
    children: items,
    concurrency,
    wait: true,
    collect: 'array',
    ...extra,
  }) as Suspension;

const started = (commands: RunCommand[]) =>
  commands.flatMap((c) => (c.type === 'startChildRun' ? [c.index] : []));

function forEachMachine(options: { retry?: boolean; timeoutMs?: number } = {}) {
  const m = testMachine(
    buildWorkflow(
      {
        t: 'trigger',
        f: {
          type: 'forEach',
          params: { workflowId: 'child' },
          ...(options.retry
            ? { retry: { maxAttempts: 2, backoff: 'fixed' as const, initialDelayMs: 0 } }
            : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        },
        after: 'set',
      },
      ['t -> f', 'f -> after'],
    ),
  );
  m.start();
  m.ok('t');
  return m;
}

const childDone = (index: number, output: unknown, attempt = 1) =>
  ({ type: 'childRunFinished', nodeId: 'f', attempt, index, status: 'succeeded', output }) as const;

describe('advance: delay', () => {
  it('waits on a durable timer, then succeeds with the delay output', () => {
    const m = testMachine(
      buildWorkflow({ t: 'trigger', d: 'delay', b: 'set' }, ['t -> d', 'd -> b']),
    );
    m.start();
    m.ok('t');
    const commands = m.send({
      type: 'stepSuspended',
      nodeId: 'd',
      attempt: 1,
      suspension: { kind: 'delay', until: 5000, output: { waited: true } },
    });
    expect(commands).toEqual([{ type: 'startTimer', timerId: 'delay:d:1', at: 5000 }]);
    expect(m.status('d')).toBe('waiting');
    expect(m.state.status).toBe('waiting');
    m.send({ type: 'timerFired', timerId: 'delay:d:1' }, 5000);
    expect(m.node('d')).toMatchObject({ status: 'succeeded', output: { waited: true } });
    expect(m.state.status).toBe('running');
    expect(m.send({ type: 'timerFired', timerId: 'delay:d:1' })).toEqual([]);
  });

  it('does not wait for a delay that is already over', () => {
    const m = testMachine(buildWorkflow({ t: 'trigger', d: 'delay' }, ['t -> d']));
    m.start();
    m.ok('t');
    m.send({
      type: 'stepSuspended',
      nodeId: 'd',
      attempt: 1,
      suspension: { kind: 'delay', until: 0 },
    });
    expect(m.state.status).toBe('succeeded');
  });
});

describe('advance: child runs', () => {
  it('respects concurrency and collects outputs in item order', () => {
    const m = forEachMachine();
    const first = m.send({
      type: 'stepSuspended',
      nodeId: 'f',
      attempt: 1,
      suspension: children(['a', 'b', 'c', 'd', 'e'], 2),
    });
    expect(first).toEqual([
      {
        type: 'startChildRun',
        nodeId: 'f',
        attempt: 1,
        index: 0,
        workflowId: 'child',
        input: 'a',
        detached: false,
      },
      {
        type: 'startChildRun',
        nodeId: 'f',
        attempt: 1,
        index: 1,
        workflowId: 'child',
        input: 'b',
        detached: false,
      },
    ]);
    expect(m.state.status).toBe('waiting');
    expect(started(m.send(childDone(1, 'B')))).toEqual([2]);
    expect(m.send(childDone(1, 'B again'))).toEqual([]);
    expect(m.send(childDone(4, 'not started'))).toEqual([]);
    expect(started(m.send(childDone(2, 'C')))).toEqual([3]);
    expect(started(m.send(childDone(0, 'A')))).toEqual([4]);
    expect(m.node('f').children?.running).toBe(2);
    m.send(childDone(4, 'E'));
    m.send(childDone(3, 'D'));
    expect(m.node('f')).toMatchObject({ status: 'succeeded', output: ['A', 'B', 'C', 'D', 'E'] });
  });

  it('collects a single child for sub-workflows', () => {
    const m = forEachMachine();
    m.send({
      type: 'stepSuspended',
      nodeId: 'f',
      attempt: 1,
      suspension: children([{ x: 1 }], 1, { collect: 'single' }),
    });
    m.send(childDone(0, { y: 2 }));
    expect(m.node('f').output).toEqual({ y: 2 });
  });

  it('succeeds at once without children or when not waiting', () => {
    const m = forEachMachine();
    m.send({ type: 'stepSuspended', nodeId: 'f', attempt: 1, suspension: children([], 3) });
    expect(m.node('f')).toMatchObject({ status: 'succeeded', output: [] });

    const d = forEachMachine();
    const commands = d.send({
      type: 'stepSuspended',
      nodeId: 'f',
      attempt: 1,
      suspension: children([1, 2, 3], 1, { wait: false }),
    });
    expect(commands.filter((c) => c.type === 'startChildRun' && c.detached)).toHaveLength(3);
    expect(d.node('f')).toMatchObject({
      status: 'succeeded',
      output: { workflowId: 'child', started: 3 },
    });
  });

  it('fails the step when a child fails, cancelling the others, then retries', () => {
    const m = forEachMachine({ retry: true });
    m.send({ type: 'stepSuspended', nodeId: 'f', attempt: 1, suspension: children(['a', 'b'], 2) });
    const commands = m.send({
      type: 'childRunFinished',
      nodeId: 'f',
      attempt: 1,
      index: 0,
      status: 'failed',
      error: { message: 'bad item' },
    });
    expect(commands).toEqual([
      { type: 'cancelChildRuns', nodeId: 'f', attempt: 1 },
      { type: 'scheduleStep', nodeId: 'f', attempt: 2, notBefore: 0 },
    ]);
    expect(m.node('f').error?.message).toBe('Child run 0 of workflow "child" failed: bad item');
    expect(m.send(childDone(1, 'late', 1))).toEqual([]);
    m.send({ type: 'stepSuspended', nodeId: 'f', attempt: 2, suspension: children(['a'], 1) });
    m.send({ type: 'childRunFinished', nodeId: 'f', attempt: 2, index: 0, status: 'failed' });
    expect(m.state.status).toBe('failed');
  });

  it('times out while waiting for children', () => {
    const m = forEachMachine({ timeoutMs: 100 });
    m.send({ type: 'stepSuspended', nodeId: 'f', attempt: 1, suspension: children(['a'], 1) });
    const commands = m.send({ type: 'timerFired', timerId: 'step-timeout:f:1' }, 100);
    expect(commands).toContainEqual({ type: 'cancelChildRuns', nodeId: 'f', attempt: 1 });
    expect(commands).not.toContainEqual({ type: 'cancelStep', nodeId: 'f', attempt: 1 });
    expect(m.state.status).toBe('failed');
  });

  it('cancels children when the run is cancelled', () => {
    const m = forEachMachine();
    m.send({ type: 'stepSuspended', nodeId: 'f', attempt: 1, suspension: children(['a'], 1) });
    expect(m.send({ type: 'cancelRequested' })).toContainEqual({
      type: 'cancelChildRuns',
      nodeId: 'f',
      attempt: 1,
    });
    expect(m.status('f')).toBe('cancelled');
  });
});
