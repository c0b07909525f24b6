import { describe, expect, it } from 'vitest';
import { clientAddressOf } from './client-address';

describe('clientAddressOf', () => {
  it('takes the first hop of X-Forwarded-For', () => {
    expect(clientAddressOf(new Headers({ 'x-forwarded-for': '203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddressOf(new Headers({ 'x-forwarded-for': ' 2001:db8::1 , 10.0.0.1' }))).toBe(
      '2001:db8::1',
    );
  });

  it('is undefined without one, and bounded in length', () => {
    expect(clientAddressOf(new Headers())).toBeUndefined();
    expect(clientAddressOf(new Headers({ 'x-forwarded-for': 'x'.repeat(500) }))).toHaveLength(100);
  });
});
