import { z } from 'zod';
import { cronExpressionError, timeZoneError } from './cron-schedule';
import type { StepType } from './step-type';

const params = z
  .object({
    expression: z
      .string()
      .superRefine((value, ctx) => {
        const error = cronExpressionError(value);
        if (error) ctx.addIssue({ code: 'custom', message: error });
      })
      .describe(
        'Cron pattern: 5 fields (minute hour day month weekday) or 6 with seconds first, ' +
          'e.g. "0 9 * * MON-FRI"; nicknames like @daily work too.',
      )
      .meta({ title: 'Schedule' }),
    timezone: z
      .string()
      .default('UTC')
      .superRefine((value, ctx) => {
        const error = timeZoneError(value);
        if (error) ctx.addIssue({ code: 'custom', message: error });
      })
      .describe('IANA time zone the schedule is read in, e.g. "Europe/Berlin".')
      .meta({ title: 'Time zone' }),
    overlap: z
      .enum(['skip', 'queue', 'allow'])
      .default('skip')
      .describe(
        'When a tick comes while the previous run is still going: skip the tick, queue it ' +
          'until that run ends, or allow runs side by side.',
      )
      .meta({ title: 'Overlapping runs' }),
    catchUp: z
      .enum(['none', 'latest', 'all'])
      .default('none')
      .describe('Ticks missed while MiniFlow was down: run none, only the latest, or all of them.')
      .meta({ title: 'Missed ticks' }),
  })
  .meta({ title: 'Cron Trigger' });

/** The scheduler owns timing (see cron-schedule.ts); the run's input is the tick it fired for. */
export const cronStep: StepType<typeof params> = {
  id: 'cron',
  version: 1,
  displayName: 'Cron Trigger',
  category: 'trigger',
  inline: true,
  description: 'Starts the workflow on a schedule.',
  params,
  ports: () => ['out'],
  trigger: true,
  async execute(_params, ctx) {
    return { output: ctx.input };
  },
};
