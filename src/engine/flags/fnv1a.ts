/**
 * FNV-1a, 32 bits, over the UTF-16 code units of a string: the hash GrowthBook's v2 bucketing
 * uses, so a context lands in the same bucket here as it would there.
 */
export function fnv1a32(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A sticky bucket in [0, 1) for `value` under `seed` (GrowthBook hashing v2: the hash is
 * hashed again so that nearby seeds do not give correlated buckets), with 1/10,000 resolution.
 */
export function bucketOf(seed: string, value: string): number {
  return (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000;
}

/**
 * Picks the entry whose cumulative weight range holds the bucket. Entries keep their order, so
 * growing the first entry's weight only moves contexts into it, never out of it.
 */
export function pickByWeight<T extends { weight: number }>(
  entries: readonly T[],
  bucket: number,
): T | undefined {
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  if (total <= 0) return undefined;
  let upper = 0;
  for (const entry of entries) {
    upper += entry.weight / total;
    if (bucket < upper) return entry;
  }
  return entries.findLast((e) => e.weight > 0);
}
