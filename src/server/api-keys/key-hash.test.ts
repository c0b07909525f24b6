import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiKeyPepper, hashKey, sameHash } from './key-hash';

vi.mock(import('node:crypto'), async (original) => {
  const actual = await original();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

describe('API key hashing', () => {
  const pepper = apiKeyPepper('a-secret-of-at-least-thirty-two-characters');

  it('is an HMAC keyed with a pepper derived from the secret, not the secret itself', () => {
    const hash = hashKey('mf_example', pepper);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(crypto.createHmac('sha256', pepper).update('mf_example').digest('hex'));
    expect(
      hashKey('mf_example', apiKeyPepper('another-secret-of-thirty-two-characters!')),
    ).not.toBe(hash);
    expect(pepper.equals(Buffer.from('a-secret-of-at-least-thirty-two-characters'))).toBe(false);
  });

  it('compares hashes with crypto.timingSafeEqual, never ===', () => {
    const hash = hashKey('mf_example', pepper);
    expect(sameHash(hash, hash)).toBe(true);
    expect(sameHash(hash, hashKey('mf_other', pepper))).toBe(false);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(2);
  });

  it('refuses hashes of different lengths without comparing', () => {
    expect(sameHash('00', '0000')).toBe(false);
  });
});
