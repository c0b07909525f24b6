import { describe, expect, it } from 'vitest';
import { scrape, scrapeAllowed } from './scrape';

describe('scrapeAllowed', () => {
  it('lets every scrape in when no token is configured', () => {
    expect(scrapeAllowed(undefined, undefined)).toBe(true);
    expect(scrapeAllowed('Bearer anything', undefined)).toBe(true);
  });

  it('requires exactly the configured bearer token', () => {
    const token = 'a-long-enough-token';
    expect(scrapeAllowed(`Bearer ${token}`, token)).toBe(true);
    expect(scrapeAllowed(`bearer ${token}`, token)).toBe(true);
    expect(scrapeAllowed(undefined, token)).toBe(false);
    expect(scrapeAllowed('', token)).toBe(false);
    expect(scrapeAllowed(token, token)).toBe(false);
    expect(scrapeAllowed(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(scrapeAllowed(`Bearer ${token} extra`, token)).toBe(false);
  });

  it('answers 401 without the metrics when refused', async () => {
    const answer = await scrape('Bearer wrong', 'a-long-enough-token');
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain('miniflow_');
  });
});
