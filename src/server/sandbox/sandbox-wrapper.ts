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

export type SandboxOutcome =
  | { value: unknown }
  | { thrown: string; memory?: boolean; stack?: string }
  | { syntax: string }
  | { notJson: string };

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
  delete g.${CODE_GLOBAL};
  delete g.${SCOPE_GLOBAL};
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
    return json === undefined ? stringify({ notJson: typeof result }) : '{"value":' + json + '}';
  } catch (e) {
    return stringify({ notJson: describe(e) });
  }
})()`;
