import { describe, expect, it } from 'vitest';
import { bearerMatches, isLoopback, scrape, scrapeAccess } from './scrape';

const token = 'a-long-enough-token';

describe('bearerMatches', () => {
  it('requires exactly the configured bearer token', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(undefined, token)).toBe(false);
    expect(bearerMatches('', token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token} extra`, token)).toBe(false);
  });
});

describe('isLoopback', () => {
  it('knows the loopback addresses of both families', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopback(address)).toBe(true);
    }
    for (const address of [
      '10.0.0.1',
      '192.168.1.2',
      '::ffff:10.0.0.1',
      'fe80::1',
      '',
      undefined,
    ]) {
      expect(isLoopback(address)).toBe(false);
    }
  });
});

describe('scrapeAccess', () => {
  it('without a token: the installation figures to an unforwarded loopback client only', () => {
    expect(scrapeAccess({ authorization: null, address: '127.0.0.1' }, undefined)).toBe(
      'installation',
    );
    expect(scrapeAccess({ authorization: null, address: '::1', forwarded: true }, undefined)).toBe(
      'forbidden',
    );
    expect(scrapeAccess({ authorization: null, address: '10.1.2.3' }, undefined)).toBe('forbidden');
    // A route that cannot see the peer never guesses.
    expect(scrapeAccess({ authorization: `Bearer ${token}` }, undefined)).toBe('forbidden');
  });

  it('with a token: everything to its holder, wherever they are, and nothing without it', () => {
    expect(scrapeAccess({ authorization: `Bearer ${token}`, address: '10.1.2.3' }, token)).toBe(
      'all',
    );
    expect(scrapeAccess({ authorization: null, address: '127.0.0.1' }, token)).toBe('unauthorized');
  });

  it('answers 401 and 403 without the metrics', async () => {
    const wrong = await scrape({ authorization: 'Bearer wrong' }, token);
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain('miniflow_');
    const remote = await scrape({ authorization: null, address: '10.1.2.3' }, undefined);
    expect(remote.status).toBe(403);
    expect(remote.body).toMatch(/MINIFLOW_METRICS_TOKEN/);
  });
});
