import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '@/engine';
import {
  errorMessage,
  previewValue,
  runOverlays,
  type RunForOverlay,
  type StepAttempt,
} from './run-overlays';

const definition: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'Diamond',
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    { id: 'check', type: 'if', params: { condition: 'input.big' } },
    {
      id: 'yes',
      type: 'http',
      params: { url: 'https://x' },
      retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 10 },
    },
    { id: 'no', type: 'set', params: {} },
    { id: 'join', type: 'merge', params: { mode: 'first' } },
  ],
  edges: [
    { from: 'start', to: 'check' },
    { from: 'check', fromPort: 'true', to: 'yes' },
    { from: 'check', fromPort: 'false', to: 'no' },
    { from: 'yes', to: 'join' },
    { from: 'no', to: 'join' },
  ],
};

const step = (nodeId: string, status: string, extra: Partial<StepAttempt> = {}): StepAttempt => ({
  nodeId,
  attempt: 1,
  status,
  output: null,
  error: null,
  durationMs: 5,
  ...extra,
});

const run = (status: string, steps: StepAttempt[]): RunForOverlay => ({
  id: 'r1',
  status,
  version: { definition },
  steps,
});

describe('runOverlays', () => {
  it('shows every node pending before anything ran', () => {
    const state = runOverlays(run('queued', []));
    expect(state.runId).toBe('r1');
    expect(Object.values(state.steps).map((s) => s.status)).toEqual(Array(5).fill('pending'));
  });

  it('marks finished steps, the steps that have started, and what still waits', () => {
    const state = runOverlays(
      run('running', [
        step('start', 'succeeded', { output: { big: true } }),
        step('check', 'succeeded', { output: true, durationMs: 2 }),
        step('no', 'skipped', { durationMs: null }),
      ]),
    );
    expect(state.steps.start).toEqual({
      status: 'succeeded',
      attempts: 1,
      durationMs: 5,
      outputPreview: '{"big":true}',
    });
    expect(state.steps.no).toEqual({ status: 'skipped', attempts: 1 });
    expect(state.steps.yes).toEqual({ status: 'running', attempts: 0 });
    expect(state.steps.join?.status).toBe('pending');
  });

  it('shows a failed attempt with retries left as pending, and the last one as failed', () => {
    const error = { message: 'HTTP 503 from https://x' };
    const steps = [
      step('start', 'succeeded'),
      step('check', 'succeeded'),
      step('yes', 'failed', { error }),
    ];
    expect(runOverlays(run('running', steps)).steps.yes).toMatchObject({
      status: 'pending',
      attempts: 1,
      outputPreview: 'HTTP 503 from https://x',
    });
    const last = [...steps, step('yes', 'failed', { attempt: 3, error })];
    expect(runOverlays(run('running', last)).steps.yes).toMatchObject({
      status: 'failed',
      attempts: 3,
    });
    const notRetryable = [
      ...steps.slice(0, 2),
      step('yes', 'failed', { error: { ...error, retryable: false } }),
    ];
    expect(runOverlays(run('running', notRetryable)).steps.yes?.status).toBe('failed');
  });

  it('shows nodes that never ran as skipped once the run is over', () => {
    const state = runOverlays(run('failed', [step('start', 'succeeded'), step('check', 'failed')]));
    expect(state.steps.check?.status).toBe('failed');
    expect(state.steps.yes?.status).toBe('skipped');
    expect(state.steps.join?.status).toBe('skipped');
  });

  it("follows the engine's state when the run has one", () => {
    const state = runOverlays({
      ...run('running', [step('start', 'succeeded'), step('check', 'failed')]),
      nodes: [
        { id: 'start', status: 'succeeded', attempts: 1 },
        { id: 'check', status: 'scheduled', attempts: 2 },
        { id: 'yes', status: 'pending', attempts: 0 },
      ],
    });
    expect(state.steps.start).toMatchObject({ status: 'succeeded', attempts: 1, durationMs: 5 });
    expect(state.steps.check).toMatchObject({ status: 'running', attempts: 2 });
    expect(state.steps.yes?.status).toBe('pending');
    const ended = runOverlays({
      ...run('failed', []),
      nodes: [{ id: 'yes', status: 'pending', attempts: 0 }],
    });
    expect(ended.steps.yes?.status).toBe('skipped');
  });
});

describe('previews', () => {
  it('cuts long values to one short line', () => {
    expect(previewValue('x'.repeat(200))).toHaveLength(80);
    expect(previewValue('x'.repeat(200))?.endsWith('…')).toBe(true);
    expect(previewValue({ a: 1 })).toBe('{"a":1}');
    expect(previewValue(null)).toBeUndefined();
  });

  it('reads error messages from step errors', () => {
    expect(errorMessage({ message: 'boom', retryable: false })).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
  });
});
