import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The pepper keys are hashed with: derived from AUTH_SECRET (HKDF-SHA256, its own label), so
 * a copy of the database alone cannot confirm a guessed key, and no further secret needs
 * configuring. Changing AUTH_SECRET therefore invalidates every API key.
 */
export function apiKeyPepper(authSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret, '', 'miniflow api-key pepper v1', 32));
}

/** HMAC-SHA256 of the key with the pepper, as stored (hex). */
export function hashKey(key: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(key, 'utf8').digest('hex');
}

/** Compares two stored hashes in time that does not depend on where they differ. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
