/**
 * The program of an expression evaluator process, started with `node -e`: plain JavaScript,
 * so it needs no TypeScript loader and no file that bundling could move. It talks to its
 * parent over the IPC channel (see process-evaluator.ts for the protocol) and reads its
 * settings from two environment variables, the only ones it is given.
 *
 * Built-ins that can build a huge string in one step are replaced by guarded versions that
 * refuse past the string length limit with a clear message, rather than letting the process
 * die on the allocation. Whatever still gets past them ends this process, not the server.
 */

export const JSONATA_PATH_ENV = 'MINIFLOW_JSONATA_PATH';
export const LIMITS_ENV = 'MINIFLOW_EXPRESSION_LIMITS';

/** What the process reads from `LIMITS_ENV`. */
export interface ProcessLimits {
  timeoutMs: number;
  stack: number;
  sequence: number;
  maxStringLength: number;
}

export const EVALUATOR_PROCESS_SOURCE = `'use strict';
const jsonata = require(process.env.${JSONATA_PATH_ENV});
const limits = JSON.parse(process.env.${LIMITS_ENV});
const MAX = limits.maxStringLength;
process.on('disconnect', () => process.exit(0));

const tooLong = (what) =>
  Object.assign(new Error(what + ' exceeded the ' + MAX + '-character string length limit'), {
    code: 'size-limit',
  });

const guards = {
  pad: (impl) => function (str, width) {
    if (Math.abs(Math.trunc(Number(width))) > MAX) throw tooLong('$pad()');
    return impl.apply(this, arguments);
  },
  join: (impl) => function (strs, separator) {
    if (Array.isArray(strs)) {
      let total = typeof separator === 'string' ? separator.length * Math.max(0, strs.length - 1) : 0;
      for (const s of strs) total += typeof s === 'string' ? s.length : 0;
      if (total > MAX) throw tooLong('$join()');
    }
    return impl.apply(this, arguments);
  },
  length: (impl) => function (str) {
    if (typeof str === 'string' && str.length > MAX) throw tooLong('$length()');
    return impl.apply(this, arguments);
  },
  string: (impl) => function () {
    const result = impl.apply(this, arguments);
    if (typeof result === 'string' && result.length > MAX) throw tooLong('$string()');
    return result;
  },
};

const cache = new Map();
function compile(source) {
  let expression = cache.get(source);
  if (expression) {
    cache.delete(source);
  } else {
    expression = jsonata(source, { timeout: limits.timeoutMs, stack: limits.stack, sequence: limits.sequence });
    if (cache.size >= 1000) cache.delete(cache.keys().next().value);
  }
  cache.set(source, expression);
  return expression;
}

let nextCall = 0;
const pending = new Map();
function callHost(id, name, args) {
  const call = ++nextCall;
  const missing = [];
  args.forEach((arg, i) => { if (arg === undefined) missing.push(i); });
  return new Promise((resolve, reject) => {
    pending.set(call, { resolve, reject });
    process.send({ t: 'call', id, call, name, args: args.map((a) => (a === undefined ? null : a)), missing });
  });
}

const fromMillis = jsonata('$fromMillis($ms, $picture, $timezone)');

class NeedContext extends Error {}

// The outputs the parent left out: touching one, or listing them, asks for all of them.
function contextFor(message, attempt) {
  const { context, omitted } = message;
  if (!omitted || omitted.length === 0) return context;
  const hidden = new Set(omitted);
  const miss = () => {
    attempt.needContext = true;
    throw new NeedContext('The context was sent in part');
  };
  const guard = (key) => {
    if (typeof key === 'string' && hidden.has(key)) miss();
  };
  const steps = new Proxy(context.steps, {
    get(target, key, receiver) {
      guard(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      guard(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      guard(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys: miss,
  });
  return Object.assign({}, context, { steps });
}

function bindingsFor(message, context, guarded) {
  const { host, id } = message;
  const bindings = Object.assign({}, guarded, {
    input: context.input,
    prev: context.prev,
    steps: context.steps,
    vars: context.vars,
    run: context.run,
  });
  for (const name of host) bindings[name] = (...args) => callHost(id, name, args);
  if (host.includes('millis')) {
    bindings.now = async (picture, timezone) => {
      const ms = Number(await callHost(id, 'millis', []));
      if (picture === undefined && timezone === undefined) return new Date(ms).toISOString();
      return fromMillis.evaluate({}, { ms, picture, timezone });
    };
  }
  return bindings;
}

function describe(err) {
  const e = err || {};
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (e instanceof RangeError && /Invalid (string|array) length/.test(message)) {
    return { message: 'exceeded the ' + MAX + '-character string length limit', code: 'size-limit' };
  }
  return {
    message,
    position: typeof e.position === 'number' ? e.position : undefined,
    code: typeof e.code === 'string' ? e.code : undefined,
  };
}

async function evaluate(message, guarded) {
  const attempt = { needContext: false };
  let outcome;
  try {
    const context = contextFor(message, attempt);
    const bindings = bindingsFor(message, context, guarded);
    let result = await compile(message.source).evaluate(context, bindings);
    if (Array.isArray(result) && 'sequence' in result) result = Array.from(result);
    const json = result === undefined ? undefined : JSON.stringify(result);
    if (json !== undefined && json.length > MAX) throw tooLong('Its result');
    outcome = { t: 'done', id: message.id, ok: true, json };
  } catch (err) {
    outcome = Object.assign({ t: 'done', id: message.id, ok: false }, describe(err));
  }
  // Whatever came of it, an attempt that touched a missing output does not count.
  process.send(attempt.needContext ? { t: 'needContext', id: message.id } : outcome);
}

(async () => {
  const guarded = {};
  for (const [name, guard] of Object.entries(guards)) {
    const builtin = await jsonata('$' + name).evaluate({});
    guarded[name] = Object.assign({}, builtin, { implementation: guard(builtin.implementation) });
  }
  process.on('message', (message) => {
    if (message.t === 'eval') {
      void evaluate(message, guarded);
    } else if (message.t === 'reply') {
      const waiting = pending.get(message.call);
      if (!waiting) return;
      pending.delete(message.call);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(message.message));
    }
  });
  process.send({ t: 'ready' });
})();
`;
