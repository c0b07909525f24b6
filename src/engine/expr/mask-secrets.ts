import { maskLabel } from '../masking/mask-label';
import { matchesPath } from '../masking/path-pattern';
import { NO_MASKING, secretValuesRule, type CompiledMasking } from '../masking/masking-rules';
import type { TextRule } from '../masking/text-rule';

/** How a credential's value shows once masked: the rule that masks them is `credentials`. */
export const SECRET_MASK = maskLabel('credentials');

export interface MaskOptions {
  /** What replaces a secret; SECRET_MASK unless given. */
  mask?: string;
  /** A workspace's masking rules, applied with the secrets (see compileMasking). */
  rules?: CompiledMasking;
  /** Keys whose values are replaced whole, whatever they hold (credentials in log fields). */
  isSecretKey?: (key: string) => boolean;
  /**
   * Objects other than arrays, plain objects and errors: `copy` turns them into plain
   * objects of their masked fields (the default: stored outputs are JSON), `keep` leaves
   * them as they are (log lines, whose serializer knows streams, requests and buffers).
   */
  otherObjects?: 'copy' | 'keep';
}

// Outputs are JSON and log fields are shallow: anything deeper is hostile or a bug.
const MAX_DEPTH = 100;

/**
 * The one masking walker, for everything stored or logged. Replaces every occurrence of the
 * given secret values (plain, base64, hex or URL-encoded) in strings anywhere inside
 * `value`, keys included, applies the workspace's rules (text patterns, and field paths
 * whose values go whole), and replaces the values of secret keys whole. The input is
 * untouched; it is returned itself when nothing had to change. A cycle or a structure
 * deeper than 100 levels is replaced by the mask rather than walked or leaked.
 */
export function maskSecrets<T>(value: T, secrets: Iterable<string>, options: MaskOptions = {}): T {
  const rules = options.rules ?? NO_MASKING;
  const list = [...secrets].filter((s) => s !== '');
  const text = list.length
    ? [secretValuesRule('credentials', list, options.mask), ...rules.text]
    : rules.text;
  if (text.length === 0 && rules.paths.length === 0 && !options.isSecretKey) return value;
  return createWalker(text, rules, options)(value, 0, []) as T;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// Assignment would treat a `__proto__` key (valid in parsed JSON) as the prototype.
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function createWalker(
  textRules: readonly TextRule[],
  rules: CompiledMasking,
  options: MaskOptions,
) {
  const mask = options.mask ?? SECRET_MASK;
  const isSecretKey = options.isSecretKey ?? (() => false);
  const keepOthers = options.otherObjects === 'keep';
  const ancestors = new Set<object>();

  const maskString = (text: string): string => {
    let out = text;
    for (const rule of textRules) out = rule.apply(out);
    return out;
  };

  /** The label of the first path rule matching `path`, if any. */
  const pathMask = (path: readonly string[]): string | undefined => {
    for (const rule of rules.paths) {
      if (matchesPath(rule.pattern, path)) return options.mask ?? maskLabel(rule.name);
    }
    return undefined;
  };

  function walk(value: unknown, depth: number, path: readonly string[]): unknown {
    if (typeof value === 'string') return maskString(value);
    if (value === null || typeof value !== 'object') return value;
    const array = Array.isArray(value);
    const error = value instanceof Error;
    const plain = !array && !error && isPlainObject(value);
    if (!array && !error && !plain && keepOthers) return value;
    if (depth > MAX_DEPTH || ancestors.has(value)) return mask;
    ancestors.add(value);
    try {
      if (array) return walkArray(value, depth, path);
      if (error) return walkError(value, depth, path);
      return walkFields(value, depth, plain, path);
    } finally {
      ancestors.delete(value);
    }
  }

  // Array positions are not part of a path, as in JSONata.
  function walkArray(items: readonly unknown[], depth: number, path: readonly string[]) {
    const out = items.map((item) => walk(item, depth + 1, path));
    return out.some((item, i) => item !== items[i]) ? out : items;
  }

  /** A plain copy of the own enumerable fields, or `value` itself if `reuse` and unchanged. */
  function walkFields(value: object, depth: number, reuse: boolean, path: readonly string[]) {
    const entries = Object.entries(value);
    let copy: Record<string, unknown> | undefined = reuse ? undefined : {};
    for (const [index, [key, item]] of entries.entries()) {
      const name = maskString(key);
      const inner = rules.paths.length ? [...path, key] : path;
      const byPath = rules.paths.length ? pathMask(inner) : undefined;
      const next = isSecretKey(key) ? mask : (byPath ?? walk(item, depth + 1, inner));
      if (!copy && (name !== key || next !== item)) {
        copy = {};
        for (const [k, v] of entries.slice(0, index)) define(copy, k, v);
      }
      if (copy) define(copy, name, next);
    }
    return copy ?? value;
  }

  /** Still an Error of the same name, so the logger serializes it as one. */
  function walkError(error: Error, depth: number, path: readonly string[]): Error {
    const message = maskString(error.message);
    const stack = error.stack === undefined ? undefined : maskString(error.stack);
    const fields = walkFields(error, depth, true, path);
    const cause = error.cause === undefined ? undefined : walk(error.cause, depth + 1, path);
    const unchanged =
      message === error.message &&
      stack === error.stack &&
      fields === error &&
      cause === error.cause;
    if (unchanged) return error;
    const copy = new Error(message);
    const target = copy as unknown as Record<string, unknown>;
    for (const [key, item] of Object.entries(fields)) define(target, key, item);
    copy.name = error.name;
    copy.stack = stack;
    if (cause !== undefined) copy.cause = cause;
    return copy;
  }

  return walk;
}
