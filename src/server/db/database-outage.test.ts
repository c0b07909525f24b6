import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logging/create-logger';
import { DatabaseOutage } from './database-outage';
import { isDatabaseUnreachable } from './database-unreachable';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
  code: 'ECONNREFUSED',
});

describe('isDatabaseUnreachable', () => {
  it('recognises a database that is down, restarting or dropped the connection', () => {
    expect(isDatabaseUnreachable(refused)).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable({ code: '57P01' })).toBe(true);
    // Prisma with the pg adapter: the reason sits in meta.driverAdapterError.cause.
    const prisma = Object.assign(new Error('Invalid `prisma.user.findFirst()` invocation'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
    });
    expect(isDatabaseUnreachable(prisma)).toBe(true);
    expect(isDatabaseUnreachable({ err: new Error('wrap', { cause: refused }) })).toBe(true);
    // The queue's log fields: a failed pool's error, an AggregateError of a teardown.
    expect(isDatabaseUnreachable({ fatalError: refused, component: 'queue' })).toBe(true);
    expect(isDatabaseUnreachable({ error: new AggregateError([new Error('x'), refused]) })).toBe(
      true,
    );
  });

  it('leaves every other failure alone', () => {
    expect(isDatabaseUnreachable(new Error('Unique constraint failed'))).toBe(false);
    expect(isDatabaseUnreachable({ code: '23505' })).toBe(false);
    expect(isDatabaseUnreachable({ workerId: 'w-1' })).toBe(false);
    expect(isDatabaseUnreachable(undefined)).toBe(false);
  });
});

describe('DatabaseOutage', () => {
  it('names the reason of an outage reported through log fields', () => {
    const report = { warn: vi.fn(), info: vi.fn() };
    const outage = new DatabaseOutage({ report, probe: () => Promise.resolve() });
    outage.note({ fatalError: { code: '57P01' }, component: 'queue' });
    outage.close();
    expect(report.warn.mock.calls[0]![0]).toEqual({ reason: '57P01' });
  });

  it('reports an outage once, counts failures, and reports once when the database is back', async () => {
    vi.useFakeTimers();
    try {
      const report = { warn: vi.fn(), info: vi.fn() };
      let up = false;
      const outage = new DatabaseOutage({
        report,
        probe: () => (up ? Promise.resolve() : Promise.reject(refused)),
        now: () => Date.now(),
      });
      expect(outage.note(new Error('a syntax error'))).toBe(false);
      expect(outage.noteConsequence()).toBe(false);
      for (let i = 0; i < 49; i++) expect(outage.note(refused)).toBe(true);
      expect(outage.noteConsequence()).toBe(true);
      expect(outage.isDown()).toBe(true);
      expect(report.warn).toHaveBeenCalledTimes(1);
      expect(report.warn.mock.calls[0]![0]).toEqual({
        reason: 'connect ECONNREFUSED 127.0.0.1:5432',
      });
      await vi.advanceTimersByTimeAsync(3_000);
      expect(report.info).not.toHaveBeenCalled();
      up = true;
      await vi.advanceTimersByTimeAsync(1_000);
      expect(outage.isDown()).toBe(false);
      expect(report.info).toHaveBeenCalledTimes(1);
      expect(report.info.mock.calls[0]![0]).toMatchObject({ failures: 50 });
      expect(report.info.mock.calls[0]![1]).toMatch(/The database is back after 4\.0 s; 50/);
      outage.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps unreachable-database errors out of the log, not other errors', () => {
    const lines: string[] = [];
    const noted: unknown[] = [];
    const logger = createLogger({
      destination: { write: (line) => void lines.push(line) },
      onDatabaseUnreachable: (error) => {
        const counted = isDatabaseUnreachable(error);
        if (counted) noted.push(error);
        return counted;
      },
    });
    logger.error({ err: refused }, 'Heartbeat failed');
    logger.warn({ err: refused }, 'Queue connection lost');
    logger.error({ err: new Error('boom') }, 'Something else');
    expect(noted).toHaveLength(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Something else');
  });
});
