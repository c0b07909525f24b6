import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AddressPolicy } from '../http/address-policy';

/** A database host refused by the address policy; retrying cannot help. */
export class RefusedHostError extends Error {
  readonly retryable = false;
  constructor(host: string, reason: string) {
    super(
      `Database host ${host} is refused: ${reason} (private networks need ` +
        'MINIFLOW_ALLOW_PRIVATE_NETWORK=true)',
    );
    this.name = 'RefusedHostError';
  }
}

/**
 * The address to connect to for `host`, checked by the policy HTTP steps obey. The pool
 * connects to this address itself, so a name that resolves differently later (DNS
 * rebinding) cannot lead it elsewhere.
 */
export async function databaseAddress(host: string, policy: AddressPolicy): Promise<string> {
  // IPv4 first: a name such as localhost often has both, and servers often listen on one.
  const found = isIP(host) ? [] : await lookup(host, { all: true });
  const addresses = isIP(host)
    ? [host]
    : [...found].sort((x, y) => x.family - y.family).map((a) => a.address);
  let reason = 'it does not resolve';
  for (const address of addresses) {
    const refusal = policy.refusal(address);
    if (!refusal) return address;
    reason = refusal;
  }
  throw new RefusedHostError(host, reason);
}
