import { describe, expect, it } from 'vitest';
import {
  catchUpFireTimes,
  cronExpressionError,
  fireTimesBetween,
  nextFireTime,
  nextFireTimes,
  timeZoneError,
} from './cron-schedule';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number[]) => ms.map((m) => new Date(m).toISOString());

describe('cron-schedule', () => {
  it('validates expressions and time zones', () => {
    expect(cronExpressionError('*/5 * * * *')).toBeUndefined();
    expect(cronExpressionError('0 0 9 * * MON-FRI')).toBeUndefined();
    expect(cronExpressionError('@daily')).toBeUndefined();
    expect(cronExpressionError('61 * * * *')).toMatch(/Invalid cron expression/);
    expect(cronExpressionError('2026-01-01T00:00:00')).toMatch(/Invalid cron expression/);
    expect(cronExpressionError('* * *')).toMatch(/Invalid cron expression/);
    expect(cronExpressionError('')).toMatch(/required/);
    expect(timeZoneError('Europe/Berlin')).toBeUndefined();
    expect(timeZoneError('UTC')).toBeUndefined();
    expect(timeZoneError('Mars/Olympus')).toMatch(/Unknown time zone/);
  });

  it('gives fire times strictly after an instant, in the schedule time zone', () => {
    expect(
      iso(nextFireTimes('0 9 * * *', 'America/New_York', t('2026-01-15T14:00:00Z'), 2)),
    ).toEqual(['2026-01-16T14:00:00.000Z', '2026-01-17T14:00:00.000Z']);
    // Exactly at a fire time: the next one, not the same one.
    expect(nextFireTime('*/15 * * * *', 'UTC', t('2026-01-01T00:15:00Z'))).toBe(
      t('2026-01-01T00:30:00Z'),
    );
    expect(nextFireTimes('* * * * *', 'UTC', 0, 0)).toEqual([]);
    expect(() => nextFireTime('nope', 'UTC', 0)).toThrow(/Invalid cron/);
  });

  it('keeps local wall time across the spring-forward change (Europe/Berlin, 2026-03-29)', () => {
    // 09:00 local is 08:00Z in CET and 07:00Z in CEST.
    expect(iso(nextFireTimes('0 9 * * *', 'Europe/Berlin', t('2026-03-27T12:00:00Z'), 3))).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    // 02:30 does not exist on the change day: a fixed-time job runs right after the jump.
    expect(iso(nextFireTimes('30 2 * * *', 'Europe/Berlin', t('2026-03-28T12:00:00Z'), 2))).toEqual(
      ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'],
    );
    // An hourly job has one hour fewer that day: 01:00 CET then 03:00 CEST, 1 hour apart.
    expect(
      iso(
        fireTimesBetween(
          '0 * * * *',
          'Europe/Berlin',
          t('2026-03-28T23:30:00Z'),
          t('2026-03-29T02:00:00Z'),
        ),
      ),
    ).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z']);
  });

  it('fires a fixed-time job once on the fall-back day (America/New_York, 2026-11-01)', () => {
    const times = fireTimesBetween(
      '30 1 * * *',
      'America/New_York',
      t('2026-10-31T12:00:00Z'),
      t('2026-11-02T12:00:00Z'),
    );
    // 01:30 EDT (05:30Z) on Nov 1 only once, then 01:30 EST (06:30Z) on Nov 2.
    expect(iso(times)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('lists a window oldest first and caps it', () => {
    const all = fireTimesBetween(
      '0 * * * *',
      'UTC',
      t('2026-01-01T00:00:00Z'),
      t('2026-01-01T05:00:00Z'),
    );
    expect(all).toHaveLength(5);
    expect(new Date(all[0]!).toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(
      fireTimesBetween('0 * * * *', 'UTC', t('2026-01-01T00:00:00Z'), t('2026-01-01T05:00:00Z'), 2),
    ).toEqual(all.slice(0, 2));
  });

  it('picks missed fire times for catch-up', () => {
    const last = t('2026-01-01T00:00:00Z');
    const now = t('2026-01-01T03:30:00Z');
    expect(catchUpFireTimes('0 * * * *', 'UTC', last, now, 'none')).toEqual([]);
    expect(iso(catchUpFireTimes('0 * * * *', 'UTC', last, now, 'latest'))).toEqual([
      '2026-01-01T03:00:00.000Z',
    ]);
    expect(iso(catchUpFireTimes('0 * * * *', 'UTC', last, now, 'all'))).toEqual([
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T02:00:00.000Z',
      '2026-01-01T03:00:00.000Z',
    ]);
    // A fire time exactly at `now` counts as missed.
    expect(
      iso(catchUpFireTimes('0 * * * *', 'UTC', last, t('2026-01-01T03:00:00Z'), 'latest')),
    ).toEqual(['2026-01-01T03:00:00.000Z']);
    // Nothing missed since the last fire.
    expect(catchUpFireTimes('0 * * * *', 'UTC', last, t('2026-01-01T00:59:59Z'), 'latest')).toEqual(
      [],
    );
    expect(catchUpFireTimes('0 * * * *', 'UTC', now, last, 'all')).toEqual([]);
  });
});
