import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { environmentSecrets } from '../secrets/env-secrets';
import { createLogger } from './create-logger';
import { isCredentialKey, REDACTED, redactLogValue } from './redact-log-fields';

describe('redactLogValue', () => {
  it('censors credentials by key and masks secret values inside nested strings', () => {
    const fields = {
      request: { headers: { authorization: 'Bearer abc', 'X-Api-Key': 'k' }, path: '/x' },
      users: [{ name: 'ann', password: 'pw', refresh_token: 'rt' }],
      note: 'the key is s3cr3t, again s3cr3t',
    };
    expect(redactLogValue(fields, ['s3cr3t'])).toEqual({
      request: { headers: { authorization: REDACTED, 'X-Api-Key': REDACTED }, path: '/x' },
      users: [{ name: 'ann', password: REDACTED, refresh_token: REDACTED }],
      note: `the key is ${REDACTED}, again ${REDACTED}`,
    });
    expect(fields.users[0]!.password).toBe('pw');
  });

  it('leaves a clean line and objects it does not know (streams) as they are', () => {
    const clean = { a: { b: ['c'] } };
    expect(redactLogValue(clean, ['s3cr3t'])).toBe(clean);
    const stream = new PassThrough();
    const out = redactLogValue({ stream, token: 't' }, []) as Record<string, unknown>;
    expect(out.stream).toBe(stream);
    expect(out.token).toBe(REDACTED);
  });

  it('bounds cycles and depth', () => {
    const loop: Record<string, unknown> = { note: 's3cr3t' };
    loop.self = loop;
    loop.again = loop;
    expect(redactLogValue(loop, ['s3cr3t'])).toEqual({
      note: REDACTED,
      self: REDACTED,
      again: REDACTED,
    });
    let deep: unknown = { password: 'pw', text: 's3cr3t' };
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(JSON.stringify(redactLogValue(deep, ['s3cr3t']))).not.toMatch(/pw|s3cr3t/);
  });

  it('knows credential keys in any case and spelling', () => {
    for (const key of ['Password', 'api_key', 'accessToken', 'secretName', 'Set-Cookie']) {
      expect(isCredentialKey(key)).toBe(true);
    }
    for (const key of ['name', 'tokenCount', 'path']) expect(isCredentialKey(key)).toBe(false);
  });
});

describe('the process logger', () => {
  afterEach(() => {
    delete process.env.MINIFLOW_SECRET_PAYMENTS;
  });

  it('masks the values of MINIFLOW_SECRET_* variables set after it was created', () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line) => void lines.push(line) } });
    process.env.MINIFLOW_SECRET_PAYMENTS = 'pay-0123456789';
    expect(environmentSecrets()).toContain('pay-0123456789');
    logger.info({ call: { url: 'https://pay/?k=pay-0123456789' } }, 'paid with pay-0123456789');
    expect(lines[0]).not.toContain('pay-0123456789');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      call: { url: `https://pay/?k=${REDACTED}` },
      msg: `paid with ${REDACTED}`,
    });
  });
});
