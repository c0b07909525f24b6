import { afterEach, describe, expect, it } from 'vitest';
import type { ExpressionContext } from './context';
import { evaluateExpression } from './evaluate';
import { resolveTemplate } from './resolve-params';

/**
 * Known ways out of expression languages that sit on JavaScript. Each must either fail or
 * yield nothing dangerous: no function handed back, no process, no prototype pollution.
 */
const context: ExpressionContext = {
  input: { a: 1, s: 'text', list: [1, 2] },
  steps: { prev: { nested: { x: 1 } } },
  vars: {},
  run: { id: 'r', workflowId: 'w', attempt: 1 },
};

const payloads = [
  '$string.constructor',
  '$string.constructor("return process")()',
  'constructor',
  'constructor.constructor("return process")()',
  'input.constructor.constructor("return globalThis")()',
  'input.s.constructor.constructor("return process")()',
  'input.list.constructor.constructor("return process")()',
  'input.__proto__',
  'input.__proto__.constructor',
  '$lookup(input, "constructor")',
  '$lookup($lookup(input, "constructor"), "constructor")("return process")()',
  '($f := $lookup($lookup(input, "__proto__"), "constructor"); $f("return process")())',
  '$eval("constructor.constructor(\\"return process\\")()")',
  '$eval("$string.constructor")',
  '$spread(input).constructor',
  '$sift(input, function($v, $k) { true }).constructor',
  '$each(input, function($v, $k) { $k }).constructor',
  '$keys($string)',
  '$lookup($string, "call")',
  '$lookup($string, "apply")',
  'process',
  '$process',
  'globalThis',
  '$globalThis',
  'require',
  '$require("child_process")',
  '$import("fs")',
  'this',
];

function isDangerous(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v === globalThis || 'env' in v || 'mainModule' in v || 'exit' in v;
}

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
});

describe('expression sandbox', () => {
  it.each(payloads)('%s reaches nothing', async (payload) => {
    let result: unknown;
    try {
      result = await evaluateExpression(payload, context);
    } catch (err) {
      expect((err as Error).message).toMatch(/Expression/);
      return;
    }
    expect(isDangerous(result)).toBe(false);
    // A function value must never leak out even when wrapped in a template.
    const text = await resolveTemplate(`x{{ ${payload} }}`, context).catch(() => 'x');
    expect(String(text)).not.toMatch(/native code|\[object process\]/);
  });

  it.each([
    '$merge([{}, {"__proto__": {"polluted": true}}])',
    '$merge([input, {"constructor": {"prototype": {"polluted": true}}}])',
    '{"__proto__": {"polluted": true}}',
    'input ~> | $ | {"__proto__": {"polluted": true}} |',
    'input ~> | __proto__ | {"polluted": true} |',
    'steps.prev ~> | nested | {"__proto__": {"polluted": true}} |',
    'input ~> | constructor.prototype | {"polluted": true} |',
    '$spread({"__proto__": {"polluted": true}})',
  ])('%s cannot pollute Object.prototype', async (payload) => {
    try {
      const result = await evaluateExpression(payload, context);
      if (result && typeof result === 'object') {
        expect((result as Record<string, unknown>).polluted).toBeUndefined();
      }
    } catch {
      // Refusing the payload is as good as neutralising it.
    }
    expect((context.input as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not let a template run JavaScript through string building', async () => {
    const out = await resolveTemplate(
      '{{ "constructor" & ".constructor(\'return 1\')()" }}',
      context,
    );
    expect(out).toBe("constructor.constructor('return 1')()");
  });
});
