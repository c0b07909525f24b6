import { formatPath } from '../definition/path';

/** Where an actual value first differs from the expected one. */
export interface Mismatch {
  /** `output.items[2].sku`; relative to what was compared, empty for the value itself. */
  path: string;
  expected: unknown;
  actual: unknown;
  message: string;
}

/**
 * Partial match: an expected object matches when each of its keys matches the actual value
 * (extra actual keys are fine); arrays match element by element with the same length; any
 * other value must be equal. Returns the first difference, depth first, in key order.
 */
export function partialMatch(expected: unknown, actual: unknown): Mismatch | undefined {
  return walk(expected, actual, []);
}

function walk(expected: unknown, actual: unknown, at: PropertyKey[]): Mismatch | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return differ(at, expected, actual, 'expected an array');
    if (actual.length !== expected.length) {
      return differ(
        at,
        expected,
        actual,
        `expected ${expected.length} items, got ${actual.length}`,
      );
    }
    for (const [i, item] of expected.entries()) {
      const found = walk(item, actual[i], [...at, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return differ(at, expected, actual, 'expected an object');
    for (const [key, value] of Object.entries(expected)) {
      if (!Object.hasOwn(actual, key)) {
        return differ([...at, key], value, undefined, 'missing');
      }
      const found = walk(value, actual[key], [...at, key]);
      if (found) return found;
    }
    return undefined;
  }
  if (Object.is(expected, actual) || (expected === 0 && actual === 0)) return undefined;
  return differ(at, expected, actual, 'not equal');
}

function differ(at: PropertyKey[], expected: unknown, actual: unknown, message: string): Mismatch {
  return { path: formatPath(at), expected, actual, message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
