/**
 * A path rule such as `**.password`, `customer.card.number` or `items.*.ssn`: names
 * separated by dots, `*` for any one field, `**` for any depth, a name in backticks for one
 * holding dots or spaces. Array positions are transparent, as in JSONata paths.
 */
export type PathPattern = readonly string[];

const ANY_DEPTH = '**';
const ANY_FIELD = '*';

/** The pattern of `source`, or the reason it is not one this masking understands. */
export function parsePathPattern(source: string): PathPattern | { error: string } {
  const segments: string[] = [];
  const text = source.trim();
  let i = 0;
  while (i < text.length) {
    if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) return { error: 'has an unclosed backtick' };
      segments.push(text.slice(i + 1, end));
      i = end + 1;
    } else {
      const end = text.indexOf('.', i);
      const segment = (end < 0 ? text.slice(i) : text.slice(i, end)).trim();
      if (!/^(\*\*|\*|[A-Za-z_$][\w$-]*)$/.test(segment)) {
        return { error: `has "${segment}", which is not a field name, * or **` };
      }
      segments.push(segment);
      i = end < 0 ? text.length : end;
    }
    if (i < text.length) {
      if (text[i] !== '.') return { error: 'needs a dot between fields' };
      i += 1;
      if (i === text.length) return { error: 'ends with a dot' };
    }
  }
  if (segments.length === 0) return { error: 'is empty' };
  if (segments.every((s) => s === ANY_DEPTH || s === ANY_FIELD)) {
    return { error: 'must name at least one field' };
  }
  return segments;
}

/** Whether the field names from the root, `path`, are matched by `pattern`. */
export function matchesPath(pattern: PathPattern, path: readonly string[]): boolean {
  const match = (p: number, k: number): boolean => {
    if (p === pattern.length) return k === path.length;
    const segment = pattern[p];
    if (segment === ANY_DEPTH) {
      for (let skip = k; skip <= path.length; skip += 1) if (match(p + 1, skip)) return true;
      return false;
    }
    if (k === path.length) return false;
    return (segment === ANY_FIELD || segment === path[k]) && match(p + 1, k + 1);
  };
  return match(0, 0);
}
