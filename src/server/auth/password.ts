import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum cost (19 MiB, 2 iterations).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes computed at once in this process: one core fewer than the machine has (at least
 * one). A burst of sign-ins (30 per address pass the gate at once) would otherwise take
 * every core for a quarter of a second, and health probes and webhooks with them.
 */
const MAX_HASHING = Math.max(1, availableParallelism() - 1);

// One queue per process, shared by the app's bundled routes and the code npm start loads.
const SLOTS = Symbol.for('miniflow.passwordSlots');
const holder = globalThis as { [SLOTS]?: { running: number; waiting: (() => void)[] } };
const slots = (holder[SLOTS] ??= { running: 0, waiting: [] });

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (slots.running >= MAX_HASHING) await new Promise<void>((r) => slots.waiting.push(r));
  else slots.running += 1;
  try {
    return await work();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.running -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  return inTurn(() => hash(password, OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await inTurn(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

/** Hashes running and waiting, for tests. */
export function hashingLoad(): { running: number; waiting: number } {
  return { running: slots.running, waiting: slots.waiting.length };
}
