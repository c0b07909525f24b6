/** A path on this site to go to after signing in; anything else (another origin) is dropped. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  // Browsers drop tabs and newlines and read a backslash as `/` before resolving a Location:
  // `/\t/evil.example` would leave the site. Resolve it as a browser would, and keep it only
  // when it stays on this origin.
  if ([...value].some((c) => c <= ' ' || c === '\u007f' || c === '\\')) return '/';
  const base = 'http://this.site';
  const url = new URL(value, base);
  if (url.origin !== base) return '/';
  return url.pathname + url.search + url.hash;
}
