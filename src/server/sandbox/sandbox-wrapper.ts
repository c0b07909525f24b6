import { LOCKDOWN_SOURCE } from './lockdown-source';

/**
 * The script run once in each sandbox context. It removes what code must not reach (Wasm,
 * shared memory), locks the context down (lockdown-source.ts) so that calls sharing it
 * cannot see each other, and evaluates to the function the host calls for every code step:
 * `(code, scopeJson, maxBytes, …seed)`. That function builds the code with the AsyncFunction
 * constructor, so it is parsed as a function body and cannot close our wrapper early, and
 * answers with a JSON string describing the outcome. Answering with strings keeps the
 * boundary JSON-only: no reference to anything of the isolate leaks out.
 *
 * Built-ins are captured before any user code runs (and are frozen anyway), so code that
 * tries to redefine JSON.stringify or String cannot forge the outcome of its own run.
 */

export type SandboxOutcome =
  | { value: unknown }
  | { thrown: string; memory?: boolean; stack?: string }
  | { syntax: string }
  | { notJson: string }
  | { tooLarge: number };

export const WRAPPER_SOURCE = `(() => {
  'use strict';
  const g = globalThis;
  // Shared memory and Wasm can allocate outside the V8 heap limit or block the thread.
  delete g.WebAssembly;
  delete g.SharedArrayBuffer;
  delete g.Atomics;
  ${LOCKDOWN_SOURCE}
  const reseed = lockDown(g);
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const toText = String;
  const ErrorCtor = Error;
  const describe = (e) => {
    if (e instanceof ErrorCtor) {
      return e.name && e.name !== 'Error' ? e.name + ': ' + e.message : toText(e.message);
    }
    if (typeof e === 'string') return e;
    try { return stringify(e) ?? toText(e); } catch { return toText(e); }
  };
  // A hostile error can throw from its stack getter: no stack then, never a failed wrapper.
  const stackOf = (e) => {
    try {
      const s = e instanceof ErrorCtor ? e.stack : undefined;
      return typeof s === 'string' ? s.slice(0, 8000) : undefined;
    } catch {
      return undefined;
    }
  };
  // The result's UTF-8 size when over the limit (else 0), measured here so an oversized
  // result never crosses to the host. A UTF-16 unit takes at most 3 bytes: short text fits.
  const bytesOverLimit = (s, maxBytes) => {
    if (s.length * 3 <= maxBytes) return 0;
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    }
    return n > maxBytes ? n : 0;
  };
  const keys = Object.keys;
  const AsyncFunction = (async () => {}).constructor;
  const isName = (k) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k);
  return async (code, scopeJson, maxBytes, a, b, c, d) => {
    reseed(a, b, c, d);
    const scope = parse(scopeJson);
    const names = keys(scope).filter(isName);
    let fn;
    try {
      fn = new AsyncFunction(...names, code);
    } catch (e) {
      return stringify({ syntax: describe(e) });
    }
    let result;
    try {
      result = await fn(...names.map((k) => scope[k]));
    } catch (e) {
      const memory = e instanceof RangeError && e.message === 'Array buffer allocation failed';
      return stringify({ thrown: describe(e), memory, stack: stackOf(e) });
    }
    try {
      const json = stringify(result === undefined ? null : result);
      if (json === undefined) return stringify({ notJson: typeof result });
      const tooLarge = bytesOverLimit(json, maxBytes);
      return tooLarge ? stringify({ tooLarge }) : '{"value":' + json + '}';
    } catch (e) {
      return stringify({ notJson: describe(e) });
    }
  };
})()`;
