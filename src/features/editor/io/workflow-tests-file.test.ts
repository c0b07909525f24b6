import { describe, expect, it } from 'vitest';
import { isTestFileName, readTestFile, testExport } from './workflow-tests-file';

describe('the test file exported with a workflow', () => {
  it('sits beside <name>.json and names the workflow by that file, as the CLI finds it', () => {
    const cases = [{ name: 'says hello', expect: { status: 'succeeded' } }];
    const exported = testExport('Orders: EU', cases);
    expect(exported.fileName).toBe('Orders- EU.test.json');
    expect(JSON.parse(exported.text)).toEqual({ schemaVersion: 1, workflow: 'Orders- EU', cases });
    const read = readTestFile(exported.text, exported.fileName);
    expect(read).toEqual({ ok: true, file: JSON.parse(exported.text) });
  });

  it('tells test files from workflow files by name', () => {
    expect(isTestFileName('orders.test.json')).toBe(true);
    expect(isTestFileName('orders.TEST.yml')).toBe(true);
    expect(isTestFileName('orders.json')).toBe(false);
    expect(isTestFileName('test.json')).toBe(false);
  });

  it('reports what is wrong with an uploaded test file, with paths', () => {
    const read = readTestFile(
      JSON.stringify({ schemaVersion: 1, workflow: 'w', cases: [{ name: 'x', mocks: 3 }] }),
      'w.test.json',
    );
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors.map((e) => e.path)).toContain('cases[0].mocks');
    const yaml = readTestFile(
      'schemaVersion: 1\nworkflow: w\ncases:\n  - name: y\n',
      'w.test.yaml',
    );
    expect(yaml.ok && yaml.file.cases[0]?.name).toBe('y');
  });
});
