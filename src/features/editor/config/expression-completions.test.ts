import { describe, expect, it } from 'vitest';
import {
  completePath,
  insideTemplateExpression,
  type ExpressionScope,
} from './expression-completions';

const scope: ExpressionScope = {
  nodeIds: ['start', 'fetch', 'format'],
  input: { customer: { id: 7, email: 'a@b' }, items: [{ sku: 'x', qty: 1 }] },
  vars: { apiBase: 'https://api' },
  outputs: { fetch: { status: 200, body: { orders: [{ id: 1, total: 9 }] } } },
  predecessorIds: ['fetch'],
};

const labels = (text: string, cursor = text.length) =>
  completePath(text, cursor, scope)?.options.map((o) => o.label);

describe('completePath', () => {
  it('offers the context roots for a started word', () => {
    expect(labels('')).toEqual(['input', 'prev', 'steps', 'vars', 'run']);
    expect(labels('st')).toEqual(['steps']);
    expect(labels('input.amount > v')).toEqual(['vars']);
  });

  it('explains input, prev and steps in one line each', () => {
    const details = Object.fromEntries(
      completePath('', 0, scope)!.options.map((o) => [o.label, o.detail]),
    );
    expect(details).toMatchObject({
      input: "the run input: the trigger's payload",
      prev: 'the output of the step before this one',
      steps: 'steps.<id>: the output of any earlier step',
    });
  });

  it('offers the fields of the previous step after prev.', () => {
    expect(labels('prev.')).toEqual(['status', 'body']);
    expect(labels('prev.body.')).toEqual(['orders']);
    const join = { ...scope, outputs: { a: { x: 1 }, b: { y: 2 } }, predecessorIds: ['a', 'b'] };
    expect(completePath('prev.', 5, join)?.options.map((o) => o.label)).toEqual(['a', 'b']);
  });

  it('offers node ids after steps.', () => {
    expect(labels('steps.')).toEqual(['start', 'fetch', 'format']);
    expect(labels('steps.f')).toEqual(['fetch', 'format']);
    expect(completePath('steps.f', 7, scope)?.from).toBe(6);
  });

  it('offers field names from the latest run, looking into the first array item', () => {
    expect(labels('steps.fetch.')).toEqual(['status', 'body']);
    expect(labels('steps.fetch.body.orders.t')).toEqual(['total']);
    expect(labels('input.customer.')).toEqual(['id', 'email']);
    expect(labels('input.items.')).toEqual(['sku', 'qty']);
    expect(labels('vars.')).toEqual(['apiBase']);
    expect(completePath('input.', 6, scope)?.options[0]).toEqual({
      label: 'customer',
      type: 'property',
      detail: 'object',
    });
  });

  it('completes at the cursor, not at the end of the text', () => {
    expect(labels('steps. & "x"', 6)).toEqual(['start', 'fetch', 'format']);
  });

  it('offers nothing inside strings, after a value, or for unknown data', () => {
    expect(completePath('"inp', 4, scope)).toBeNull();
    expect(completePath('input ', 6, scope)).toBeNull();
    expect(labels('steps.format.')).toEqual([]);
    expect(labels('other.')).toEqual([]);
    expect(labels('steps.fetch.status.')).toEqual([]);
  });
});

describe('insideTemplateExpression', () => {
  it('tells the {{ }} parts of a template from its literal text', () => {
    expect(insideTemplateExpression('https://api/{{ vars.')).toBe(true);
    expect(insideTemplateExpression('https://api/{{ vars.base }}/orders')).toBe(false);
    expect(insideTemplateExpression('Order {{ input.id }} for {{ ')).toBe(true);
    expect(insideTemplateExpression('plain text')).toBe(false);
  });
});
