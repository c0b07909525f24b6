import { z } from 'zod';
import { StepError, type StepType } from './step-type';

export const MAX_DELAY_MS = 366 * 24 * 60 * 60 * 1000;

const params = z
  .object({
    ms: z
      .number()
      .int()
      .min(0)
      .max(MAX_DELAY_MS)
      .optional()
      .describe('Wait this many milliseconds.')
      .meta({ title: 'Duration (ms)' }),
    until: z
      .string()
      .optional()
      .describe(
        'Or wait until this ISO 8601 time with a zone, e.g. "2026-05-01T09:00:00Z" or ' +
          '"{{ input.sendAt }}". A time in the past continues at once.',
      )
      .meta({ title: 'Until' }),
  })
  .superRefine((p, ctx) => {
    if ((p.ms === undefined) === (p.until === undefined || p.until === '')) {
      ctx.addIssue({
        code: 'custom',
        message: 'Set exactly one of "ms" and "until"',
      });
    }
  })
  .meta({ title: 'Delay' });

// An offset is required: a bare local time would depend on the worker's time zone.
const isoInstant = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i;

function parseUntil(until: string): number {
  const at = isoInstant.test(until.trim()) ? Date.parse(until.trim()) : NaN;
  if (Number.isNaN(at)) {
    throw new StepError(
      `Delay "until" must be an ISO 8601 time with a zone (e.g. 2026-05-01T09:00:00Z), got "${until}"`,
      { retryable: false },
    );
  }
  return at;
}

/** A durable timer: the engine parks the run and no worker waits. */
export const delayStep: StepType<typeof params> = {
  id: 'delay',
  version: 1,
  displayName: 'Delay',
  category: 'flow',
  inline: true,
  description: 'Pauses the run for a duration or until a point in time.',
  params,
  ports: () => ['out'],
  async execute(p, ctx) {
    const until = p.ms !== undefined ? ctx.clock.now() + p.ms : parseUntil(p.until ?? '');
    return {
      suspend: {
        kind: 'delay',
        until,
        output: { until: new Date(until).toISOString() },
      },
    };
  },
};
