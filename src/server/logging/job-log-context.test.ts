import { describe, expect, it } from 'vitest';
import { jobLogContext } from './job-log-context';

describe('jobLogContext', () => {
  it('names the run and step attempt of each kind of queue job', () => {
    expect(jobLogContext({ runId: 'r1', nodeId: 'fetch', attempt: 2 })).toEqual({
      runId: 'r1',
      nodeId: 'fetch',
      attempt: 2,
    });
    expect(jobLogContext({ runId: 'r1', timerId: 't' })).toEqual({ runId: 'r1' });
    expect(jobLogContext({ parentRunId: 'p1', event: {} })).toEqual({ runId: 'p1' });
    expect(jobLogContext({ workflowId: 'w1' })).toEqual({});
  });

  it('ignores payloads it cannot read', () => {
    expect(jobLogContext(null)).toEqual({});
    expect(jobLogContext({ runId: 7 })).toEqual({});
  });
});
