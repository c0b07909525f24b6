export const SECRET_MASK = '***';

/**
 * Replaces every occurrence of the given secret values in strings anywhere inside `value`
 * (a copy; the input is untouched). For outputs and logs that are stored or shown: a secret
 * read through `$secret()` must never be readable there.
 */
export function maskSecrets<T>(value: T, secrets: Iterable<string>): T {
  // Longest first, so a secret containing another is masked whole.
  const list = [...new Set(secrets)].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  if (list.length === 0) return value;
  return mask(value, list, 0) as T;
}

function mask(value: unknown, secrets: string[], depth: number): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets)
      if (out.includes(secret)) out = out.split(secret).join(SECRET_MASK);
    return out;
  }
  // Outputs are JSON; a deeper structure is cyclic or hostile, and is dropped rather than leaked.
  if (depth > 100) return SECRET_MASK;
  if (Array.isArray(value)) return value.map((item) => mask(item, secrets, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[mask(key, secrets, depth) as string] = mask(item, secrets, depth + 1);
    return out;
  }
  return value;
}
