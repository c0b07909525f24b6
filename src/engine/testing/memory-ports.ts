import { incremented } from '../state/memory-state-store';
import type { Http, Logger, LogLevel, Random, Sandbox, Secrets, StateStore } from '../ports';

/** Ports for running workflows in memory: no network, no sandbox, secrets from a map. */
export interface MemoryPorts {
  http: Http;
  sandbox: Sandbox;
  secrets: Secrets;
  logger: Logger & { lines: { level: LogLevel; message: string }[] };
  state: StateStore & { values: Map<string, unknown> };
  random: Random;
}

export function createMemoryPorts(
  options: { secrets?: Record<string, string>; seed?: number } = {},
): MemoryPorts {
  const lines: { level: LogLevel; message: string }[] = [];
  const values = new Map<string, unknown>();
  const secrets = options.secrets ?? {};
  return {
    http: {
      request: () => Promise.reject(new Error('No network in this runner')),
    },
    sandbox: {
      run: () => Promise.reject(new Error('No code sandbox in this runner')),
    },
    secrets: { get: (name) => Promise.resolve(secrets[name]) },
    logger: { lines, log: (level, message) => lines.push({ level, message }) },
    state: {
      values,
      get: (key) => Promise.resolve(values.get(key)),
      set: (key, value) => {
        values.set(key, value);
        return Promise.resolve();
      },
      increment: (key, by) => {
        const next = incremented(values.get(key), by);
        values.set(key, next);
        return Promise.resolve(next);
      },
    },
    random: seededRandom(options.seed ?? 1),
  };
}

/**
 * Mulberry32: a tiny, well-distributed 32-bit generator. Seeded, so a failing randomized
 * test can be replayed from its seed.
 */
export function seededRandom(seed: number): Random & { int(maxExclusive: number): number } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (maxExclusive) => Math.floor(next() * maxExclusive) };
}
