import { describe, expect, it } from 'vitest';
import { cronStep } from './cron';
import { fakeContext } from './fake-context';

describe('cron trigger', () => {
  it('applies defaults and outputs the tick', async () => {
    const p = cronStep.params.parse({ expression: '0 9 * * MON-FRI' });
    expect(p).toEqual({
      expression: '0 9 * * MON-FRI',
      timezone: 'UTC',
      overlap: 'skip',
      catchUp: 'none',
    });
    const tick = { scheduledFor: '2026-01-05T09:00:00.000Z' };
    expect(await cronStep.execute(p, fakeContext({ input: tick }))).toEqual({
      output: tick,
    });
  });

  it('rejects invalid cron expressions and unknown time zones', () => {
    const bad = [
      { expression: '* * *' },
      { expression: '99 * * * *' },
      { expression: '2026-01-01T00:00:00Z' },
      { expression: '0 9 * * *', timezone: 'Europe/Atlantis' },
      { expression: '0 9 * * *', overlap: 'never' },
      { expression: '0 9 * * *', catchUp: 'some' },
    ];
    for (const params of bad) {
      expect(cronStep.params.safeParse(params).success, JSON.stringify(params)).toBe(false);
    }
    const result = cronStep.params.safeParse({
      expression: '0 9 * * *',
      timezone: 'Mars/Base',
    });
    expect(result.error?.issues[0]?.message).toMatch(/Unknown time zone "Mars\/Base"/);
    expect(
      cronStep.params.safeParse({
        expression: '*/5 * * * *',
        timezone: 'America/New_York',
      }).success,
    ).toBe(true);
  });
});
