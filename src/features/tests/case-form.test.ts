import { describe, expect, it } from 'vitest';
import { fromForm, toForm } from './case-form';

describe('case form', () => {
  it('round-trips a case, keeping fields the form does not show', () => {
    const testCase = {
      name: 'big',
      input: { id: 1 },
      vars: { limit: 5 },
      mocks: { fetch: { output: { total: 500 } } },
      expect: { status: 'succeeded' as const, output: { tier: 'big' }, assert: ['a', 'b'] },
    };
    const form = toForm(testCase);
    expect(form.assert).toBe('a\nb');
    expect(fromForm(form, testCase)).toEqual({ ok: true, value: testCase });
  });

  it('names the field whose JSON does not parse', () => {
    const form = { ...toForm({ name: 'x' }), output: '{ "tier": ' };
    expect(fromForm(form)).toMatchObject({ ok: false, field: 'output' });
  });
});
