import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkEnv } from '../env';
import { CLIENT_ADDRESS_HEADER, limitedAddress, resolveClientAddress } from './client-address';
import { establishClient } from './establish-client';

const incoming = (peer: string, headers: Record<string, string>) =>
  ({ socket: { remoteAddress: peer }, headers: { ...headers } }) as unknown as IncomingMessage;

describe('client address', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(resolveClientAddress('192.0.2.7', '1.2.3.4', 0)).toBe('192.0.2.7');
  });

  it('is the entry the outermost trusted proxy wrote', () => {
    // The client wrote 6.6.6.6 itself; the proxy appended the address it saw.
    expect(resolveClientAddress('10.0.0.1', '6.6.6.6, 203.0.113.5', 1)).toBe('203.0.113.5');
    expect(resolveClientAddress('10.0.0.1', '6.6.6.6, 203.0.113.5, 10.0.0.9', 2)).toBe(
      '203.0.113.5',
    );
    expect(resolveClientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
  });

  it('reads MINIFLOW_TRUSTED_PROXIES as a count, naming it when malformed', () => {
    expect(checkEnv({}).MINIFLOW_TRUSTED_PROXIES).toBe(0);
    expect(checkEnv({ MINIFLOW_TRUSTED_PROXIES: '2' }).MINIFLOW_TRUSTED_PROXIES).toBe(2);
    expect(() => checkEnv({ MINIFLOW_TRUSTED_PROXIES: 'yes' })).toThrow(/MINIFLOW_TRUSTED_PROXIES/);
  });
});

describe('establishClient', () => {
  const forged = {
    host: 'miniflow.local:3000',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
    'x-forwarded-for': '6.6.6.6',
    [CLIENT_ADDRESS_HEADER]: '6.6.6.6',
  };

  it('drops forwarding headers a client sent when no proxy is trusted', () => {
    const req = incoming('192.0.2.7', forged);
    establishClient(req, 0);
    expect(req.headers['x-forwarded-host']).toBeUndefined();
    expect(req.headers['x-forwarded-proto']).toBeUndefined();
    expect(req.headers['x-forwarded-for']).toBeUndefined();
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe('192.0.2.7');
    expect(req.headers.host).toBe('miniflow.local:3000');
  });

  it('keeps what a trusted proxy says', () => {
    const req = incoming('10.0.0.1', forged);
    establishClient(req, 1);
    expect(req.headers['x-forwarded-proto']).toBe('https');
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe('6.6.6.6');
  });

  it('is limited by its /64 network for IPv6, and as IPv4 when IPv4-mapped', () => {
    expect(limitedAddress('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(limitedAddress('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(limitedAddress('2001:DB8:1:2:ffff::9%eth0')).toBe('2001:db8:1:2::/64');
    expect(limitedAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(limitedAddress('::1')).toBe('0:0:0:0::/64');
    expect(limitedAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(limitedAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(limitedAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(limitedAddress('unknown')).toBe('unknown');
  });
});
