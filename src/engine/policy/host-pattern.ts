/**
 * Whether `host` matches one of `patterns`: a name matches itself, `*.domain` matches any
 * subdomain of the domain (not the domain itself), `*` matches every host. Case-insensitive;
 * a trailing dot (`example.com.`) is the same name.
 */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const name = host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  return patterns.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1));
    return name === pattern;
  });
}
