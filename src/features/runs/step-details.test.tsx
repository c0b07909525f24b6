import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NodeView } from '@/engine';
import { StepDetails } from './step-details';

const calc: NodeView = {
  id: 'calc',
  name: 'Calculate',
  type: 'code',
  status: 'scheduled',
  attempts: 3,
  retryAt: Date.UTC(2026, 0, 1, 10, 30, 5),
  received: { qty: 2 },
  history: [
    {
      attempt: 1,
      status: 'failed',
      input: { code: 'return x' },
      error: { message: 'x is not defined', stack: 'ReferenceError: x' },
      logs: [{ at: Date.UTC(2026, 0, 1, 10, 30), level: 'info', message: 'hello' }],
      durationMs: 7,
    },
    { attempt: 2, status: 'failed', error: { message: 'still not defined' }, durationMs: 3 },
  ],
};

describe('StepDetails', () => {
  it("shows the step's state and every attempt: error, stack, input, output and logs", () => {
    const html = renderToStaticMarkup(<StepDetails node={calc} open="latest" onClose={() => {}} />);
    expect(html).toContain('Calculate');
    expect(html).toContain('>scheduled<');
    expect(html).toContain('3 attempts');
    expect(html).toContain('next attempt at 10:30:05 UTC');
    expect(html).toContain('aria-label="Step Calculate attempt 1"');
    expect(html).toContain('aria-label="Step Calculate attempt 2"');
    expect(html).toContain('x is not defined');
    expect(html).toContain('aria-label="Stack of Calculate attempt 1"');
    expect(html).toContain('>Settings (resolved)<');
    expect(html).toContain('aria-label="Settings of Calculate attempt 1"');
    expect(html).not.toContain('>Input<');
    expect(html).toContain('aria-label="Received by Calculate"');
    expect(html).toContain('qty');
    expect(html).toContain('&quot;return x&quot;');
    expect(html).toContain('aria-label="Logs"');
    expect(html).toContain('hello');
    expect(html).toContain('aria-label="Close step details"');
  });

  it('opens the attempts asked for, and failures always', () => {
    const ok: NodeView = {
      ...calc,
      status: 'succeeded',
      history: [
        { attempt: 1, status: 'succeeded', output: 1 },
        { attempt: 2, status: 'succeeded', output: 2 },
      ],
    };
    const opened = (html: string) =>
      [...html.matchAll(/<details open=""[^>]*aria-label="Step Calculate attempt (\d)"/g)].map(
        (m) => m[1],
      );
    expect(opened(renderToStaticMarkup(<StepDetails node={ok} open="latest" />))).toEqual(['2']);
    expect(opened(renderToStaticMarkup(<StepDetails node={ok} open="all" />))).toEqual(['1', '2']);
    expect(opened(renderToStaticMarkup(<StepDetails node={ok} open="failed" />))).toEqual([]);
    expect(opened(renderToStaticMarkup(<StepDetails node={calc} open="failed" />))).toEqual([
      '1',
      '2',
    ]);
  });

  it('says when no attempt was recorded', () => {
    const html = renderToStaticMarkup(
      <StepDetails node={{ ...calc, status: 'pending', attempts: 0, history: [] }} open="all" />,
    );
    expect(html).toContain('No attempt of this step has been recorded.');
    expect(html).not.toContain('Close step details');
  });
});
