import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses an outgoing request from a workflow may connect to. Workflows are
 * written by users, so without this an HTTP step could reach the cloud metadata service,
 * the database or an admin port on the MiniFlow host (SSRF).
 */

export type AddressClass =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unique-local'
  | 'multicast'
  | 'reserved';

export interface AddressPolicyOptions {
  /**
   * Allows loopback, private (RFC 1918, CGNAT), link-local and unique-local addresses, for
   * self-hosters calling services on their own network. Metadata, unspecified, multicast
   * and reserved addresses stay refused.
   */
  allowPrivateNetwork?: boolean;
  /** Addresses or CIDR ranges always allowed, e.g. ["10.0.5.0/24", "fd00::1"]. */
  allowedCidrs?: readonly string[];
}

const PRIVATE_NETWORK_CLASSES: ReadonlySet<AddressClass> = new Set([
  'loopback',
  'private',
  'link-local',
  'unique-local',
]);

const v4Ranges: [AddressClass, string, number][] = [
  ['metadata', '169.254.169.254', 32],
  ['metadata', '100.100.100.200', 32], // Alibaba Cloud
  ['unspecified', '0.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['private', '100.64.0.0', 10],
  ['loopback', '127.0.0.0', 8],
  ['link-local', '169.254.0.0', 16],
  ['private', '172.16.0.0', 12],
  ['reserved', '192.0.0.0', 24],
  ['reserved', '192.0.2.0', 24],
  ['private', '192.168.0.0', 16],
  ['reserved', '198.18.0.0', 15],
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4],
];

const v6Ranges: [AddressClass, string, number][] = [
  ['metadata', 'fd00:ec2::254', 128], // AWS over IPv6
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['reserved', '100::', 64],
  ['reserved', '2001:db8::', 32],
  ['unique-local', 'fc00::', 7],
  ['link-local', 'fe80::', 10],
  ['link-local', 'fec0::', 10],
  ['multicast', 'ff00::', 8],
];

const lists = new Map<AddressClass, BlockList>();
for (const [cls, net, prefix] of [...v4Ranges, ...v6Ranges]) {
  const list = lists.get(cls) ?? new BlockList();
  list.addSubnet(net, prefix, isIP(net) === 6 ? 'ipv6' : 'ipv4');
  lists.set(cls, list);
}
// Metadata first: it lies inside link-local / unique-local and must win.
const classOrder: AddressClass[] = [
  'metadata',
  ...[...lists.keys()].filter((c) => c !== 'metadata'),
];

/** Expands an IPv6 address to its 8 groups, or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const parts = dotted[1].split('.').map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = parts;
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<number>(Math.max(fill, 0)).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** IPv4 carried inside IPv6 (mapped, compatible, NAT64, 6to4) is judged as that IPv4. */
function embeddedIpv4(groups: number[]): string | undefined {
  const g = (i: number) => groups[i] ?? 0;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeroUpTo = (n: number) => groups.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(5) && g(5) === 0xffff) return v4(g(6), g(7)); // ::ffff:a.b.c.d
  if (zeroUpTo(6) && (g(6) !== 0 || g(7) > 1)) return v4(g(6), g(7)); // ::a.b.c.d
  if (g(0) === 0x64 && g(1) === 0xff9b && groups.slice(2, 6).every((x) => x === 0)) {
    return v4(g(6), g(7)); // 64:ff9b::a.b.c.d
  }
  if (g(0) === 0x2002) return v4(g(1), g(2)); // 2002:aabb:ccdd::
  return undefined;
}

/** The special-purpose class of an IP address, or undefined for a public address. */
export function classifyAddress(address: string): AddressClass | undefined {
  const family = isIP(address);
  if (family === 0) return 'reserved';
  if (family === 6) {
    const groups = ipv6Groups(address);
    if (!groups) return 'reserved';
    const v4 = embeddedIpv4(groups);
    if (v4) return classifyAddress(v4);
  }
  const type = family === 6 ? 'ipv6' : 'ipv4';
  return classOrder.find((cls) => lists.get(cls)?.check(address, type));
}

export interface AddressPolicy {
  /** Why a connection to `address` is refused, or undefined when it is allowed. */
  refusal(address: string): string | undefined;
}

export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  const allowed = new BlockList();
  for (const entry of options.allowedCidrs ?? []) {
    const [net = '', prefix] = entry.split('/');
    const family = isIP(net);
    if (family === 0) throw new Error(`Invalid address or CIDR range "${entry}"`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) allowed.addAddress(net, type);
    else allowed.addSubnet(net, Number(prefix), type);
  }
  return {
    refusal(address) {
      const family = isIP(address);
      if (family !== 0 && allowed.check(address, family === 6 ? 'ipv6' : 'ipv4')) return undefined;
      const cls = classifyAddress(address);
      if (!cls) return undefined;
      if (options.allowPrivateNetwork && PRIVATE_NETWORK_CLASSES.has(cls)) return undefined;
      return `${address} is a ${cls} address`;
    },
  };
}
