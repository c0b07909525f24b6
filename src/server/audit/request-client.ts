import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<{ clientAddress: string | null }>();

/**
 * Runs `fn` on behalf of a request from `clientAddress`, so that audit events recorded
 * anywhere below it (services, their transactions) carry the address without every
 * service passing it along.
 */
export function withClientAddress<T>(clientAddress: string | null, fn: () => T): T {
  return store.run({ clientAddress }, fn);
}

/** The client address of the request being served, or null outside a request. */
export function currentClientAddress(): string | null {
  return store.getStore()?.clientAddress ?? null;
}
