/** Longest pattern a `matches` condition may hold. */
export const MAX_PATTERN_LENGTH = 200;
/** Longer attribute values never match a pattern, which bounds the work of one test. */
export const MAX_MATCHED_LENGTH = 1000;

/**
 * Patterns are user content evaluated on every flag evaluation, so catastrophic backtracking
 * must be ruled out up front: no back-references, no lookaround and no quantified group that
 * itself holds a quantifier (the `(a+)+` shape).
 */
export function checkBoundedPattern(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `patterns are at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch (err) {
    return `is not a valid regular expression: ${(err as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'patterns may not use back-references';
  if (/\(\?<?[=!]/.test(pattern)) return 'patterns may not use lookaround';
  if (hasNestedQuantifier(pattern))
    return 'patterns may not repeat a group that holds a repetition';
  return undefined;
}

function hasNestedQuantifier(pattern: string): boolean {
  const stack: boolean[] = [];
  let quantifiedInside = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      continue;
    }
    if (ch === '(') {
      stack.push(quantifiedInside);
      quantifiedInside = false;
    } else if (ch === ')') {
      const inner: boolean = quantifiedInside;
      quantifiedInside = stack.pop() ?? false;
      const next = pattern[i + 1];
      const repeated = next === '*' || next === '+' || next === '{';
      if (repeated && inner) return true;
      quantifiedInside ||= inner || repeated;
    } else if (ch === '*' || ch === '+' || ch === '{') {
      quantifiedInside = true;
    }
  }
  return false;
}
