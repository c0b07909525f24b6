import type { TestCase } from '@/engine';

/** A case as the form edits it: JSON fields as text, assertions one per line. */
export interface CaseForm {
  name: string;
  input: string;
  mocks: string;
  status: '' | 'succeeded' | 'failed' | 'cancelled';
  output: string;
  steps: string;
  assert: string;
  now: string;
}

export const EMPTY_FORM: CaseForm = {
  name: '',
  input: '{}',
  mocks: '{}',
  status: 'succeeded',
  output: '',
  steps: '',
  assert: '',
  now: '',
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export function toForm(testCase: TestCase): CaseForm {
  const expect = testCase.expect ?? {};
  return {
    name: testCase.name,
    input: testCase.input === undefined ? '' : pretty(testCase.input),
    mocks: pretty(testCase.mocks ?? {}),
    status: expect.status ?? '',
    output: expect.output === undefined ? '' : pretty(expect.output),
    steps: expect.steps ? pretty(expect.steps) : '',
    assert: (expect.assert ?? []).join('\n'),
    now: testCase.now ?? '',
  };
}

export type FormResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; field: keyof CaseForm; message: string };

/**
 * The form as a case for the server, which checks it against the format; here only the JSON
 * fields are parsed, each error naming its field. Other fields of the case being edited
 * (vars, secrets) are kept.
 */
export function fromForm(form: CaseForm, base: Partial<TestCase> = {}): FormResult {
  const parsed: Record<string, unknown> = {};
  for (const field of ['input', 'mocks', 'output', 'steps'] as const) {
    const text = form[field].trim();
    if (text === '') continue;
    try {
      parsed[field] = JSON.parse(text) as unknown;
    } catch (err) {
      return { ok: false, field, message: `Not valid JSON: ${(err as Error).message}` };
    }
  }
  const assert = form.assert
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const expect = {
    ...(form.status ? { status: form.status } : {}),
    ...(parsed.output !== undefined ? { output: parsed.output } : {}),
    ...(parsed.steps !== undefined ? { steps: parsed.steps } : {}),
    ...(assert.length > 0 ? { assert } : {}),
  };
  const { input: _input, mocks: _mocks, expect: _expect, now: _now, ...rest } = base;
  return {
    ok: true,
    value: {
      ...rest,
      name: form.name.trim(),
      ...(parsed.input !== undefined ? { input: parsed.input } : {}),
      ...(form.now.trim() ? { now: form.now.trim() } : {}),
      ...(parsed.mocks !== undefined && Object.keys(parsed.mocks as object).length > 0
        ? { mocks: parsed.mocks }
        : {}),
      expect,
    },
  };
}
