import type { StateStore } from '../ports';

/** Adds `by` to a stored number; anything else (or nothing) counts as 0. */
export function incremented(current: unknown, by: number): number {
  return (typeof current === 'number' && Number.isFinite(current) ? current : 0) + by;
}

/** `$state` in memory (one process, lost on exit): the CLI, tests, in-process runs. */
export function createMemoryStateStore(): StateStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    async get(key) {
      return values.get(key);
    },
    async set(key, value) {
      // A copy, so a step mutating its object later cannot change what was stored.
      if (value === undefined) values.delete(key);
      else values.set(key, structuredClone(value));
    },
    async increment(key, by) {
      const next = incremented(values.get(key), by);
      values.set(key, next);
      return next;
    },
  };
}
