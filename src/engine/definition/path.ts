/**
 * Renders a zod/JS property path the way users read it in the designer and in API errors:
 * `nodes[3].params.url`, so one string pinpoints the field whatever reported it.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'symbol') out += `[${String(key)}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Joins a base path and a relative one without doubling dots. */
export function joinPath(base: string, rest: readonly PropertyKey[]): string {
  const tail = formatPath(rest);
  if (tail === '') return base;
  if (base === '' || tail.startsWith('[')) return base + tail;
  return `${base}.${tail}`;
}
