import { z } from 'zod';

/** PostgreSQL's jsonb cannot store U+0000, so such input must be refused up front. */
export function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  }
  return false;
}

/** Any JSON value the database can store: a clear input error instead of a failed write. */
export const storableJson = z.unknown().refine((value) => !hasNul(value), {
  message: 'must not contain NUL characters (U+0000)',
});
