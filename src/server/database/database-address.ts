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
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  let reason = 'it does not resolve';
  for (const address of addresses) {
    const refusal = policy.refusal(address);
    if (!refusal) return address;
    reason = refusal;
  }
  throw new RefusedHostError(host, reason);
}
