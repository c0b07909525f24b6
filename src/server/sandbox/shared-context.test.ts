import { afterAll, describe, expect, it } from 'vitest';
import { IsolatedVmSandbox } from './isolated-vm-sandbox';

// One isolate, one execution at a time: every call below runs in the same context.
const limits = { timeoutMs: 1000, memoryMb: 64 };
const sandbox = new IsolatedVmSandbox({ maxRunning: 1, maxIdlePerLimit: 1 });
afterAll(() => sandbox.dispose());
const run = (code: string) => sandbox.run(code, {}, limits);

describe('calls sharing a sandbox context', () => {
  it('see nothing an earlier call tried to leave behind', async () => {
    await run(`
      const attempt = (change) => { try { change(); } catch {} };
      attempt(() => { globalThis.leak = 'secret'; });
      attempt(() => { leaked = 'secret'; });
      attempt(() => { this.viaThis = 'secret'; });
      attempt(() => { Object.prototype.polluted = 'secret'; });
      attempt(() => { Array.prototype.push = () => 'hijacked'; });
      attempt(() => { JSON.stringify = () => 'forged'; });
      attempt(() => { Math.max = () => 'forged'; });
      attempt(() => { Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true }); });
      attempt(() => { Object.getPrototypeOf(function* () {}).prototype.extra = 'secret'; });
      attempt(() => { Object.getPrototypeOf(Int8Array).prototype.extra = 'secret'; });
      attempt(() => { Error.prepareStackTrace = () => 'secret'; });
      attempt(() => Object.defineProperty(globalThis, 'pinned', { value: 'secret' }));
      attempt(() => Object.setPrototypeOf(globalThis, { inherited: 'secret' }));
      /(sec)ret/.exec('secret');
      return 1;`);
    expect(
      await run(`
        const a = [];
        a.push(1);
        return [typeof leak, typeof leaked, typeof viaThis, ({}).polluted, a.length,
          JSON.stringify({ a: 1 }), Math.max(1, 2), [...[1, 2]].length,
          (function* () {})().extra, new Uint8Array(1).extra, typeof Error.prepareStackTrace,
          typeof pinned, typeof inherited, typeof RegExp.$1, typeof RegExp.lastMatch];`),
    ).toEqual([
      'undefined',
      'undefined',
      'undefined',
      null, // JSON for undefined
      1,
      '{"a":1}',
      2,
      2,
      null,
      null,
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
  });

  it('find every shared object frozen, those reachable only through syntax included', async () => {
    expect(
      await run(`
        const gp = Object.getPrototypeOf;
        const shared = [globalThis, Object.prototype, Array.prototype, Function.prototype,
          JSON, Math, Reflect, Intl, Promise, gp([][Symbol.iterator]()), gp(gp([][Symbol.iterator]())),
          gp(new Map().entries()), gp(''[Symbol.iterator]()), gp(/a/g[Symbol.matchAll]('')),
          gp(function* () {}), gp(gp((function* () {})())), gp(async function () {}),
          gp(async function* () {}), gp(gp((async function* () {})())), gp(Int8Array),
          gp(gp(new Intl.Segmenter().segment(''))), Error, TypeError.prototype];
        return shared.filter((o) => !Object.isFrozen(o)).length;`),
    ).toBe(0);
  });

  it('still let code give its own objects the names built-ins have', async () => {
    expect(
      await run(`
        class NotFound extends Error {
          constructor(message) { super(message); this.name = 'NotFound'; }
        }
        const error = new NotFound('no such order');
        error.message = 'no such order: 7';
        const money = { cents: 250 };
        money.toString = function () { return (this.cents / 100).toFixed(2); };
        const f = function () {};
        f.toString = () => 'f';
        return [String(error), error instanceof Error, String(money), String(f)];`),
    ).toEqual(['NotFound: no such order: 7', true, '2.50', 'f']);
  });

  it('tell strict code that changes a built-in what it did wrong', async () => {
    await expect(run(`'use strict'; Object.prototype.polluted = 1;`)).rejects.toThrow(
      /Code step threw: TypeError: Cannot change built-in polluted|object is not extensible/,
    );
    await expect(run(`'use strict'; Array.prototype.push = null;`)).rejects.toThrow(
      /Code step threw: TypeError: Cannot change built-in push/,
    );
    await expect(run(`'use strict'; undeclared = 1;`)).rejects.toThrow(
      /Code step threw: ReferenceError: undeclared is not defined/,
    );
  });

  it('draw Math.random from a sequence seeded afresh for each call', async () => {
    const code = 'return Array.from({ length: 4 }, () => Math.random());';
    const first = (await run(code)) as number[];
    const second = (await run(code)) as number[];
    for (const n of [...first, ...second]) {
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(1);
    }
    expect(new Set([...first, ...second]).size).toBe(8);
    const many = (await run(
      'return Array.from({ length: 10000 }, () => Math.random());',
    )) as number[];
    const mean = many.reduce((a, b) => a + b, 0) / many.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
