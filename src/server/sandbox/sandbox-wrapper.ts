/**
 * The script run inside the isolate for every code step. It reads the user's code and the
 * scope (a JSON string) from two globals the host sets, builds the code with the
 * AsyncFunction constructor, so it is parsed as a function body and cannot close our
 * wrapper early, and answers with a JSON string describing the outcome. Answering with
 * strings keeps the boundary JSON-only: no reference to anything of the isolate leaks out.
 *
 * Built-ins are captured before the user's code runs, so code that redefines
 * JSON.stringify or String cannot forge the outcome of its own run.
 */

export const CODE_GLOBAL = '__miniflowCode';
export const SCOPE_GLOBAL = '__miniflowScope';
export const MAX_BYTES_GLOBAL = '__miniflowMaxBytes';

export type SandboxOutcome =
  | { value: unknown }
  | { thrown: string; memory?: boolean; stack?: string }
  | { syntax: string }
  | { notJson: string }
  | { tooLarge: number };

export const WRAPPER_SOURCE = `(async () => {
  'use strict';
  const g = globalThis;
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
  const code = g.${CODE_GLOBAL};
  const scope = parse(g.${SCOPE_GLOBAL});
  const maxBytes = g.${MAX_BYTES_GLOBAL};
  delete g.${CODE_GLOBAL};
  delete g.${SCOPE_GLOBAL};
  delete g.${MAX_BYTES_GLOBAL};
  // The result's UTF-8 size when over the limit (else 0), measured here so an oversized
  // result never crosses to the host. A UTF-16 unit takes at most 3 bytes: short text fits.
  const bytesOverLimit = (s) => {
    if (s.length * 3 <= maxBytes) return 0;
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    }
    return n > maxBytes ? n : 0;
  };
  // Shared memory and Wasm can allocate outside the V8 heap limit or block the thread.
  delete g.WebAssembly;
  delete g.SharedArrayBuffer;
  delete g.Atomics;
  const names = Object.keys(scope).filter((k) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k));
  const AsyncFunction = (async () => {}).constructor;
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
    const tooLarge = bytesOverLimit(json);
    return tooLarge ? stringify({ tooLarge }) : '{"value":' + json + '}';
  } catch (e) {
    return stringify({ notJson: describe(e) });
  }
})()`;
