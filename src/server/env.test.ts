import { describe, expect, it } from 'vitest';
import { checkEnv, defaultWorkerConcurrency, InvalidEnvironmentError } from './env';

describe('checkEnv', () => {
  it('applies the defaults, and treats empty values as unset', () => {
    const config = checkEnv({ MINIFLOW_WORKER_CONCURRENCY: '', MINIFLOW_METRICS_TOKEN: '' });
    expect(config).toMatchObject({
      PORT: 3000,
      MINIFLOW_DATA_DIR: '.miniflow',
      MINIFLOW_WORKER_CONCURRENCY: defaultWorkerConcurrency(),
      MINIFLOW_WEB_ONLY: false,
      MINIFLOW_SHUTDOWN_GRACE_MS: 30_000,
      MINIFLOW_DRAIN_DELAY_MS: 0,
      MINIFLOW_LOG_FORMAT: 'auto',
      MINIFLOW_ALLOW_PRIVATE_NETWORK: false,
      MINIFLOW_STEP_OUTPUT_MAX_BYTES: 1024 * 1024,
      MINIFLOW_API_MAX_BODY_BYTES: 1024 * 1024,
      MINIFLOW_API_MAX_BATCH: 20,
      MINIFLOW_WEBHOOK_MAX_BYTES: 1024 * 1024,
    });
    expect(config.MINIFLOW_METRICS_TOKEN).toBeUndefined();
  });

  it('sizes the default worker concurrency to the cores: two per core, 2 to 64', () => {
    expect(defaultWorkerConcurrency(1)).toBe(2);
    expect(defaultWorkerConcurrency(2)).toBe(4);
    expect(defaultWorkerConcurrency(8)).toBe(16);
    expect(defaultWorkerConcurrency(128)).toBe(64);
  });

  it('reads the values given', () => {
    expect(
      checkEnv({
        MINIFLOW_WORKER_CONCURRENCY: '0',
        MINIFLOW_ALLOW_PRIVATE_NETWORK: 'true',
        MINIFLOW_STEP_OUTPUT_MAX_BYTES: '4096',
      }),
    ).toMatchObject({
      MINIFLOW_WORKER_CONCURRENCY: 0,
      MINIFLOW_ALLOW_PRIVATE_NETWORK: true,
      MINIFLOW_STEP_OUTPUT_MAX_BYTES: 4096,
    });
  });

  it('names every malformed variable', () => {
    let error: unknown;
    try {
      checkEnv({
        MINIFLOW_WORKER_CONCURRENCY: 'abc',
        MINIFLOW_ALLOW_PRIVATE_NETWORK: 'yes',
        MINIFLOW_STEP_OUTPUT_MAX_BYTES: '10',
        PORT: '99999',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    expect((error as Error).message.split('\n').sort()).toEqual([
      '  MINIFLOW_ALLOW_PRIVATE_NETWORK: must be true or false',
      '  MINIFLOW_STEP_OUTPUT_MAX_BYTES: must be at least 1024',
      '  MINIFLOW_WORKER_CONCURRENCY: must be a whole number',
      '  PORT: must be at most 65535',
      'Invalid environment:',
    ]);
  });

  it('bounds what web clients may hold: timeouts, connections and waiting webhooks', () => {
    expect(checkEnv({})).toMatchObject({
      MINIFLOW_HTTP_HEADERS_TIMEOUT_MS: 10_000,
      MINIFLOW_HTTP_REQUEST_TIMEOUT_MS: 60_000,
      MINIFLOW_HTTP_KEEP_ALIVE_TIMEOUT_MS: 5_000,
      MINIFLOW_HTTP_MAX_CONNECTIONS: 1_000,
      MINIFLOW_WEBHOOK_MAX_WAITING: 100,
    });
    expect(() =>
      checkEnv({
        MINIFLOW_HTTP_HEADERS_TIMEOUT_MS: '30000',
        MINIFLOW_HTTP_REQUEST_TIMEOUT_MS: '20000',
      }),
    ).toThrow(
      'MINIFLOW_HTTP_HEADERS_TIMEOUT_MS: must be at most MINIFLOW_HTTP_REQUEST_TIMEOUT_MS (20000)',
    );
  });
});
