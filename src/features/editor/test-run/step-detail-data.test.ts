import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '@/engine';
import type { RunForOverlay } from './run-overlays';
import { stepDetailData } from './step-detail-data';

const definition: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'w',
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    {
      id: 'calc',
      type: 'code',
      name: 'Calculate',
      params: { code: 'return 1' },
      retry: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 0 },
    },
  ],
  edges: [{ from: 'start', to: 'calc' }],
};

const run: RunForOverlay = {
  id: 'r1',
  status: 'failed',
  version: { definition },
  steps: [
    { nodeId: 'start', attempt: 1, status: 'succeeded', output: {}, error: null, durationMs: 1 },
    {
      nodeId: 'calc',
      attempt: 2,
      status: 'failed',
      output: null,
      error: { message: 'x is not defined', details: { stack: 'ReferenceError at line 1' } },
      durationMs: 4,
    },
    Object.assign(
      { nodeId: 'calc', attempt: 1, status: 'failed', output: null, durationMs: 3 },
      { error: { message: 'boom', stack: 'Error: boom' }, input: { a: 1 }, logs: ['hello'] },
    ),
  ],
};

describe('stepDetailData', () => {
  it('lists a node’s attempts oldest first, with errors, stacks, and input and logs when recorded', () => {
    const data = stepDetailData(run, 'calc');
    expect(data).toMatchObject({
      nodeId: 'calc',
      name: 'Calculate',
      type: 'code',
      overlay: { status: 'failed', attempts: 2 },
    });
    expect(data.attempts).toEqual([
      {
        attempt: 1,
        status: 'failed',
        durationMs: 3,
        input: { a: 1 },
        output: null,
        error: { message: 'boom', stack: 'Error: boom' },
        logs: ['hello'],
      },
      {
        attempt: 2,
        status: 'failed',
        durationMs: 4,
        output: null,
        error: {
          message: 'x is not defined',
          stack: 'ReferenceError at line 1',
          details: { stack: 'ReferenceError at line 1' },
        },
      },
    ]);
  });

  it('describes a node that has no records', () => {
    const data = stepDetailData({ ...run, steps: [] }, 'calc');
    expect(data.attempts).toEqual([]);
    expect(data.overlay?.status).toBe('skipped');
    expect(stepDetailData(run, 'gone').name).toBe('gone');
  });
});
