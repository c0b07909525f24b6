/**
 * JavaScript run once in each sandbox context before any user code (see sandbox-wrapper.ts),
 * so that one context can serve many calls without any call seeing what another left: after
 * it, nothing shared by calls can change.
 *
 * - Every object reachable from the global object, and the intrinsics reachable only
 *   through syntax (iterator and generator prototypes, %TypedArray%, %ThrowTypeError%, …),
 *   is frozen, the global object included: no new globals, no changed built-ins.
 * - RegExp's legacy statics (`RegExp.$1`, `lastMatch`, `input`, …) are removed: they hold the
 *   last match of any regular expression run in the context.
 * - `Math.random` draws from a generator the host seeds afresh for every call, so its state
 *   tells nothing of an earlier call's numbers.
 * - Frozen prototypes would make an ordinary assignment such as `err.name = 'MyError'` or
 *   `obj.toString = …` fail (an inherited read-only property blocks it). The properties code
 *   commonly sets that way become accessors that give the object its own property instead,
 *   as SES's "moderate" override taming does.
 *
 * Defines `lockDown(global)`, which returns `reseed(a, b, c, d)`.
 */
export const LOCKDOWN_SOURCE = `
const lockDown = (g) => {
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, freeze, hasOwn } = Object;
  const ownKeys = Reflect.ownKeys;

  for (const key of ownKeys(RegExp)) {
    if (key !== 'length' && key !== 'name' && key !== 'prototype' && typeof key === 'string') {
      delete RegExp[key];
    }
  }

  // xoshiro128**: 32-bit arithmetic only; seeded per call from the host's CSPRNG.
  let s0 = 1, s1 = 2, s2 = 3, s3 = 4;
  const random = function random() {
    const r = Math.imul(((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25)), 9);
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return (r >>> 0) / 4294967296;
  };
  defineProperty(Math, 'random', { value: random, writable: true, configurable: true });
  const reseed = (a, b, c, d) => {
    s0 = a | 0; s1 = b | 0; s2 = c | 0; s3 = d | 0;
    if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  };

  const overridable = (target, key) => {
    const d = getOwnPropertyDescriptor(target, key);
    if (!d || !('value' in d) || !d.configurable) return;
    const value = d.value;
    defineProperty(target, key, {
      get() { return value; },
      set(next) {
        if (this === target) throw new TypeError('Cannot change built-in ' + String(key));
        if (hasOwn(this, key)) {
          const own = getOwnPropertyDescriptor(this, key);
          if (own.set) own.set.call(this, next);
          else if (own.writable) defineProperty(this, key, { value: next });
        } else {
          defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
        }
      },
      enumerable: d.enumerable,
      configurable: false,
    });
  };
  for (const key of ownKeys(Object.prototype)) {
    if (key !== '__proto__') overridable(Object.prototype, key);
  }
  const errors = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];
  if (typeof AggregateError === 'function') errors.push(AggregateError);
  for (const E of errors) {
    for (const key of ['constructor', 'message', 'name', 'toString']) overridable(E.prototype, key);
  }
  for (const key of ['constructor', 'name', 'toString', 'bind', 'apply', 'call']) {
    overridable(Function.prototype, key);
  }
  for (const key of ['constructor', 'toString', 'push']) overridable(Array.prototype, key);
  overridable(Promise.prototype, 'constructor');

  const roots = [g];
  const add = (make) => {
    try { roots.push(make()); } catch { /* not in this engine */ }
  };
  add(() => getPrototypeOf(function* () {}));
  add(() => getPrototypeOf(async function () {}));
  add(() => getPrototypeOf(async function* () {}));
  add(() => getPrototypeOf((function* () {})()));
  add(() => getPrototypeOf((async function* () {})()));
  add(() => getPrototypeOf([][Symbol.iterator]()));
  add(() => getPrototypeOf(new Map()[Symbol.iterator]()));
  add(() => getPrototypeOf(new Set()[Symbol.iterator]()));
  add(() => getPrototypeOf(''[Symbol.iterator]()));
  add(() => getPrototypeOf(/a/g[Symbol.matchAll]('')));
  add(() => getPrototypeOf(Int8Array));
  add(() => getOwnPropertyDescriptor((function () { 'use strict'; return arguments; })(), 'callee').get);
  add(() => getPrototypeOf(new Intl.Segmenter().segment('')));
  add(() => getPrototypeOf(new Intl.Segmenter().segment('')[Symbol.iterator]()));
  add(() => getPrototypeOf(Iterator.from({ next() {} })));
  add(() => getPrototypeOf([].values().map((x) => x)));

  const seen = new Set();
  const pending = [...roots];
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    pending.push(getPrototypeOf(value));
    for (const key of ownKeys(value)) {
      const d = getOwnPropertyDescriptor(value, key);
      if ('value' in d) pending.push(d.value);
      else pending.push(d.get, d.set);
    }
    freeze(value);
  }
  return reseed;
};
`;
