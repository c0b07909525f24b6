import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while handling one request or one step carries. */
export interface LogContext {
  requestId?: string;
  runId?: string;
  nodeId?: string;
  attempt?: number;
}

// One store per process: the web app's routes are bundled apart from the code that
// `npm start` and the worker load, and both copies must see the same context.
const KEY = Symbol.for('miniflow.logContext');
const holder = globalThis as { [KEY]?: AsyncLocalStorage<LogContext> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<LogContext>());

/** Runs `fn` with `fields` added to the current context (an inner step keeps the request id). */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, fn);
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
