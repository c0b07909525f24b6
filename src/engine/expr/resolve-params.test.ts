import { describe, expect, it } from 'vitest';
import type { ExpressionContext } from './context';
import { resolveParams, resolveTemplate } from './resolve-params';

const context: ExpressionContext = {
  input: { user: { name: 'Ada', age: 36 }, items: ['a', 'b'] },
  steps: { prev: { ok: true } },
  vars: { base: 'https://x.test' },
  run: { id: 'r1', workflowId: 'w1', attempt: 1 },
};

describe('resolveTemplate', () => {
  it('keeps the raw value of a lone template', async () => {
    expect(await resolveTemplate('{{ input.user.age }}', context)).toBe(36);
    expect(await resolveTemplate('{{ input.items }}', context)).toEqual(['a', 'b']);
    expect(await resolveTemplate('{{ input.user }}', context)).toEqual({ name: 'Ada', age: 36 });
  });

  it('stringifies inside mixed text', async () => {
    expect(await resolveTemplate('Hello {{ input.user.name }}!', context)).toBe('Hello Ada!');
    expect(await resolveTemplate('u={{ input.user }}', context)).toBe('u={"name":"Ada","age":36}');
    expect(await resolveTemplate('[{{ missing }}]', context)).toBe('[]');
  });

  it('names the failing template', async () => {
    await expect(resolveTemplate('Hi {{ input.( }}', context)).rejects.toThrow(/input\.\(/);
    await expect(resolveTemplate('Hi {{ input', context)).rejects.toThrow(/unclosed/);
  });
});

describe('resolveParams', () => {
  it('resolves through nested objects and arrays', async () => {
    const params = {
      url: '{{ vars.base }}/users/{{ input.user.name }}',
      body: { names: ['{{ input.items[0] }}', 'static'], ok: '{{ steps.prev.ok }}' },
      count: 3,
    };
    expect(await resolveParams(params, undefined, context)).toEqual({
      url: 'https://x.test/users/Ada',
      body: { names: ['a', 'static'], ok: true },
      count: 3,
    });
  });

  it('leaves expression and code params untouched', async () => {
    const params = {
      expression: '{{ not a template }}',
      code: 'return "{{x}}"',
      label: '{{ 1 + 1 }}',
    };
    const out = await resolveParams(params, { expression: 'expression', code: 'code' }, context);
    expect(out).toEqual({ expression: '{{ not a template }}', code: 'return "{{x}}"', label: 2 });
  });

  it('returns the same object when there is nothing to resolve', async () => {
    const params = { a: 'plain', b: [1, { c: 'd' }] };
    expect(await resolveParams(params, undefined, context)).toBe(params);
  });

  it('does not modify the params it was given', async () => {
    const params = { a: '{{ input.user.name }}' };
    await resolveParams(params, undefined, context);
    expect(params).toEqual({ a: '{{ input.user.name }}' });
  });
});
