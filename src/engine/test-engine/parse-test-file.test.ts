import { describe, expect, it } from 'vitest';
import { buildWorkflow } from '../testing/build-workflow';
import { caseWorkflowIssues, checkTestCase, parseTestFile } from './parse-test-file';

const valid = {
  schemaVersion: 1,
  workflow: 'orders',
  cases: [
    {
      name: 'big',
      input: { total: 500 },
      now: '2026-01-01T09:00:00Z',
      mocks: {
        fetch: { output: { status: 200 } },
        charge: { error: 'declined', retryable: false },
        flaky: { sequence: [{ error: 'timeout' }, { output: 1, delayMs: 10 }] },
      },
      expect: {
        status: 'succeeded',
        output: { tier: 'big' },
        steps: { fetch: { status: 'succeeded', attempts: 1, error: 'x' } },
        assert: ['output.tier = "big"'],
      },
    },
  ],
};

describe('parseTestFile', () => {
  it('accepts the documented format, in JSON and YAML', () => {
    expect(parseTestFile(JSON.stringify(valid), 'json').ok).toBe(true);
    const yaml =
      'schemaVersion: 1\nworkflow: orders\ncases:\n  - name: a\n    expect: { status: failed }\n';
    expect(parseTestFile(yaml, 'yaml')).toMatchObject({ ok: true });
  });

  it('names the path of every problem', () => {
    const bad = {
      schemaVersion: 2,
      workflow: 'orders',
      cases: [
        {
          name: 'a',
          mocks: { 'not an id': { output: 1 }, both: { output: 1, error: 'x' }, none: {} },
          expect: { status: 'done', steps: { s: { attempts: -1 } } },
          extra: true,
        },
        { name: 'a' },
      ],
    };
    const result = parseTestFile(JSON.stringify(bad), 'json');
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^schemaVersion: /),
        expect.stringMatching(/^cases\[0\]\.mocks\["not an id"\]: /),
        'cases[0].mocks.both: A mock needs exactly one of "output", "error" or "sequence"',
        'cases[0].mocks.none: A mock needs exactly one of "output", "error" or "sequence"',
        expect.stringMatching(/^cases\[0\]\.expect\.status: /),
        expect.stringMatching(/^cases\[0\]\.expect\.steps\.s\.attempts: /),
        expect.stringMatching(/^cases\[0\]: Unrecognized key: "extra"/),
      ]),
    );
    expect(paths).not.toContain('cases[1].name: Another case is already named "a"');
  });

  it('refuses two cases with one name, and an assertion that does not parse', () => {
    const twice = { ...valid, cases: [valid.cases[0], valid.cases[0]] };
    const result = parseTestFile(JSON.stringify(twice), 'json');
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: 'cases[1].name', message: 'Another case is already named "big"' }],
    });
    const broken = checkTestCase({ name: 'x', expect: { assert: ['output.(('] } });
    expect(broken).toMatchObject({ ok: false, errors: [{ path: 'expect.assert[0]' }] });
  });

  it('reports broken JSON as such', () => {
    expect(parseTestFile('{ "schemaVersion": ', 'json')).toMatchObject({
      ok: false,
      errors: [{ path: '', message: expect.stringMatching(/^Invalid JSON/) }],
    });
  });
});

describe('caseWorkflowIssues', () => {
  it('names mocks and step expectations for steps the workflow lacks', () => {
    const workflow = buildWorkflow({ start: 'manual', fetch: 'http' }, ['start -> fetch'], {
      name: 'orders',
    });
    const parsed = parseTestFile(JSON.stringify(valid), 'json');
    if (!parsed.ok) throw new Error('invalid');
    expect(caseWorkflowIssues(parsed.file.cases[0]!, workflow, 'cases[0]')).toEqual([
      { path: 'cases[0].mocks.charge', message: 'Workflow "orders" has no step "charge"' },
      { path: 'cases[0].mocks.flaky', message: 'Workflow "orders" has no step "flaky"' },
    ]);
  });
});
