import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '@/engine';
import type { TimedEvent } from './runtime-types';
import { mergeStepRecords, stepRecord } from './step-records';

const ran: TimedEvent = {
  event: { type: 'stepSucceeded', nodeId: 'a', attempt: 2, output: 1 },
  startedAt: 100,
  finishedAt: 140,
  input: { x: 1 },
  logs: [{ at: 120, level: 'info', message: 'hi' }],
};

describe('step records', () => {
  it('takes timing, params and logs from the attempt’s own execution', () => {
    const record: AttemptRecord = {
      nodeId: 'a',
      attempt: 2,
      status: 'succeeded',
      output: 1,
      at: 150,
    };
    expect(stepRecord(record, ran)).toEqual({
      nodeId: 'a',
      attempt: 2,
      status: 'succeeded',
      output: 1,
      startedAt: 100,
      finishedAt: 140,
      input: { x: 1 },
      logs: ran.logs,
    });
  });

  it('ends an attempt that something else concluded when the engine did', () => {
    const cancelled: AttemptRecord = {
      nodeId: 'b',
      attempt: 1,
      status: 'cancelled',
      error: { message: 'Cancelled' },
      at: 150,
    };
    expect(stepRecord(cancelled, ran)).toEqual({
      nodeId: 'b',
      attempt: 1,
      status: 'cancelled',
      error: { message: 'Cancelled' },
      finishedAt: 150,
    });
  });

  it('leaves a waiting attempt unfinished, and keeps what its start knew when it ends', () => {
    const waiting = stepRecord({ nodeId: 'a', attempt: 2, status: 'waiting', at: 140 }, ran);
    expect(waiting.finishedAt).toBeUndefined();
    const timer: TimedEvent = { event: { type: 'timerFired', timerId: 'delay:a:2' } };
    const ended = stepRecord(
      { nodeId: 'a', attempt: 2, status: 'succeeded', output: 'done', at: 900 },
      timer,
    );
    expect(mergeStepRecords(waiting, ended)).toEqual({
      nodeId: 'a',
      attempt: 2,
      status: 'succeeded',
      output: 'done',
      startedAt: 100,
      finishedAt: 900,
      input: { x: 1 },
      logs: ran.logs,
    });
  });
});
