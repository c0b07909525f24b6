import { describe, expect, it } from 'vitest';
import { createLogger, logFormatIsPretty, parseLogLevel } from './create-logger';
import { withLogContext } from './log-context';

function capture(secrets: string[] = []) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: () => secrets,
    destination: {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines at the configured level', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      destination: { write: (l) => void lines.push(l) },
    });
    logger.info('hidden');
    logger.warn({ a: 1 }, 'shown');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      msg: 'shown',
      a: 1,
      service: 'miniflow',
    });
    expect(JSON.parse(lines[0]!).time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses an unknown MINIFLOW_LOG_LEVEL by name and defaults to info', () => {
    expect(() => parseLogLevel('loud')).toThrow(/MINIFLOW_LOG_LEVEL must be one of trace/);
    expect(parseLogLevel(undefined)).toBe('info');
    expect(parseLogLevel('silent')).toBe('silent');
  });

  it('adds the request, run and step ids of the work in progress to every line', async () => {
    const { logger, lines } = capture();
    await withLogContext({ requestId: 'req-1' }, async () => {
      logger.info('in request');
      await withLogContext({ runId: 'run-1', nodeId: 'fetch', attempt: 2 }, async () => {
        await Promise.resolve();
        logger.child({ component: 'x' }).info('in step');
      });
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ requestId: 'req-1', msg: 'in request' });
    expect(lines[0]).not.toHaveProperty('runId');
    expect(lines[1]).toMatchObject({
      requestId: 'req-1',
      runId: 'run-1',
      nodeId: 'fetch',
      attempt: 2,
      component: 'x',
    });
    expect(lines[2]).not.toHaveProperty('requestId');
  });

  it('redacts credentials at any depth and masks secret values everywhere', () => {
    const { logger, lines } = capture(['s3cr3t-value']);
    const error = new Error('login failed with s3cr3t-value');
    logger.warn(
      {
        headers: { Authorization: 'Bearer abc', cookie: 'sid=1', 'x-request-id': 'r' },
        user: { password: 'pw', passwordHash: 'h', name: 'ann' },
        config: { clientSecret: 'c', secretName: 'n', api_key: 'k', accessToken: 't' },
        url: 'https://x/?key=s3cr3t-value',
        err: error,
      },
      'call with s3cr3t-value failed',
    );
    const line = lines[0]!;
    expect(JSON.stringify(line)).not.toContain('s3cr3t-value');
    expect(line.headers).toEqual({
      Authorization: '[redacted]',
      cookie: '[redacted]',
      'x-request-id': 'r',
    });
    expect(line.user).toEqual({ password: '[redacted]', passwordHash: '[redacted]', name: 'ann' });
    expect(Object.values(line.config as object)).toEqual(Array(4).fill('[redacted]'));
    expect(line.msg).toBe('call with [redacted] failed');
    expect(line.err).toMatchObject({ type: 'Error', message: 'login failed with [redacted]' });
    expect((line.err as { stack: string }).stack).toContain('[redacted]');
    expect(error.message).toContain('s3cr3t-value');
  });
});

describe('logFormatIsPretty', () => {
  it('is readable on a terminal and in development, JSON elsewhere, unless configured', () => {
    expect(logFormatIsPretty('auto', { development: false, terminal: true })).toBe(true);
    expect(logFormatIsPretty('auto', { development: true, terminal: false })).toBe(true);
    expect(logFormatIsPretty('auto', { development: false, terminal: false })).toBe(false);
    expect(logFormatIsPretty('json', { development: true, terminal: true })).toBe(false);
    expect(logFormatIsPretty('pretty', { development: false, terminal: false })).toBe(true);
  });
});
