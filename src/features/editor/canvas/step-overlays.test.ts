import { describe, expect, it } from 'vitest';
import type { NodeView } from '@/engine';
import { previewValue, stepOverlays } from './step-overlays';

const node = (id: string, extra: Partial<NodeView> = {}): NodeView => ({
  id,
  name: id,
  type: 'set',
  status: 'pending',
  attempts: 0,
  history: [],
  ...extra,
});

describe('stepOverlays', () => {
  it("draws each step's status, attempts and duration, and its latest output or error", () => {
    const overlays = stepOverlays([
      node('start', {
        status: 'succeeded',
        attempts: 1,
        durationMs: 5,
        history: [{ attempt: 1, status: 'succeeded', output: { big: true } }],
      }),
      node('call', {
        status: 'scheduled',
        attempts: 2,
        retryAt: 90,
        history: [{ attempt: 1, status: 'failed', error: { message: 'HTTP 503 from https://x' } }],
      }),
      node('later'),
    ]);
    expect(overlays).toEqual({
      start: { status: 'succeeded', attempts: 1, durationMs: 5, outputPreview: '{"big":true}' },
      call: { status: 'scheduled', attempts: 2, outputPreview: 'HTTP 503 from https://x' },
      later: { status: 'pending', attempts: 0 },
    });
  });
});

describe('previewValue', () => {
  it('cuts long values to one short line', () => {
    expect(previewValue('x'.repeat(200))).toHaveLength(80);
    expect(previewValue('x'.repeat(200))?.endsWith('…')).toBe(true);
    expect(previewValue({ a: 1 })).toBe('{"a":1}');
    expect(previewValue(null)).toBeUndefined();
  });
});
