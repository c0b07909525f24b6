import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('takes the first hop of X-Forwarded-For', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress(new Headers({ 'x-forwarded-for': ' 2001:db8::1 , 10.0.0.1' }))).toBe(
      '2001:db8::1',
    );
  });

  it('is null without one, and bounded in length', () => {
    expect(clientAddress(new Headers())).toBeNull();
    expect(clientAddress(new Headers({ 'x-forwarded-for': 'x'.repeat(500) }))).toHaveLength(100);
  });
});
