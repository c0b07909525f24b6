import { describe, expect, it } from 'vitest';
import { classifyAddress, createAddressPolicy } from './address-policy';

describe('classifyAddress', () => {
  it('classifies special-purpose addresses and leaves public ones alone', () => {
    const cases: [string, string | undefined][] = [
      ['8.8.8.8', undefined],
      ['93.184.216.34', undefined],
      ['2606:4700:4700::1111', undefined],
      ['127.0.0.1', 'loopback'],
      ['127.255.0.9', 'loopback'],
      ['::1', 'loopback'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['10.1.2.3', 'private'],
      ['172.31.255.255', 'private'],
      ['172.32.0.1', undefined],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['169.254.1.1', 'link-local'],
      ['169.254.169.254', 'metadata'],
      ['fd00:ec2::254', 'metadata'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['fd12:3456::1', 'unique-local'],
      ['fc00::1', 'unique-local'],
      ['ff02::1', 'multicast'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'reserved'],
      // IPv4 smuggled inside IPv6 is judged as the IPv4 it carries.
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['::ffff:169.254.169.254', 'metadata'],
      ['64:ff9b::10.0.0.1', 'private'],
      ['2002:7f00:1::', 'loopback'],
      ['::ffff:8.8.8.8', undefined],
      ['not-an-ip', 'reserved'],
    ];
    for (const [ip, cls] of cases) expect(classifyAddress(ip), ip).toBe(cls);
  });
});

describe('createAddressPolicy', () => {
  it('refuses special addresses by default', () => {
    const policy = createAddressPolicy();
    expect(policy.refusal('8.8.8.8')).toBeUndefined();
    expect(policy.refusal('127.0.0.1')).toBe('127.0.0.1 is a loopback address');
    expect(policy.refusal('10.0.0.1')).toBe('10.0.0.1 is a private address');
  });

  it('allowPrivateNetwork opens the private network but not metadata or unspecified', () => {
    const policy = createAddressPolicy({ allowPrivateNetwork: true });
    for (const ip of ['127.0.0.1', '::1', '10.0.0.1', '192.168.0.10', 'fd00::5', 'fe80::1']) {
      expect(policy.refusal(ip), ip).toBeUndefined();
    }
    expect(policy.refusal('169.254.169.254')).toMatch(/metadata/);
    expect(policy.refusal('0.0.0.0')).toMatch(/unspecified/);
  });

  it('allowedCidrs opens exactly the listed ranges', () => {
    const policy = createAddressPolicy({
      allowedCidrs: ['10.0.5.0/24', '127.0.0.1', 'fd00::/8'],
    });
    expect(policy.refusal('10.0.5.7')).toBeUndefined();
    expect(policy.refusal('10.0.6.7')).toMatch(/private/);
    expect(policy.refusal('127.0.0.1')).toBeUndefined();
    expect(policy.refusal('127.0.0.2')).toMatch(/loopback/);
    expect(policy.refusal('fd00::9')).toBeUndefined();
    expect(() => createAddressPolicy({ allowedCidrs: ['nope/8'] })).toThrow(/Invalid address/);
  });
});
