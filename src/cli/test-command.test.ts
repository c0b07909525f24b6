import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `miniflow test` as a subprocess: what it prints, the files it writes and its exit codes. */

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/miniflow.mjs');

function miniflow(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, timeout: 30_000 },
      (err, stdout, stderr) => {
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : null) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

const workflow = {
  schemaVersion: 1,
  name: 'tiers',
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    { id: 'fetch', type: 'http', params: { url: 'https://api.example.com/o/{{ input.id }}' } },
    { id: 'wait', type: 'delay', params: { ms: 3_600_000 } },
    { id: 'big', type: 'if', params: { condition: 'steps.fetch.body.total > 100' } },
    { id: 'bigTier', type: 'set', params: { values: { tier: 'big' } } },
    { id: 'smallTier', type: 'set', params: { values: { tier: 'small' } } },
  ],
  edges: [
    { from: 'start', to: 'fetch' },
    { from: 'fetch', to: 'wait' },
    { from: 'wait', to: 'big' },
    { from: 'big', to: 'bigTier', fromPort: 'true' },
    { from: 'big', to: 'smallTier', fromPort: 'false' },
  ],
};

const bigCase = (tier: string) => ({
  name: 'big orders go to the big tier',
  input: { id: 1 },
  mocks: { fetch: { output: { status: 200, body: { total: 500 } } } },
  expect: { status: 'succeeded', steps: { bigTier: { output: { tier } } } },
});

let dir = '';
const at = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'miniflow-test-cmd-'));
  await writeFile(at('tiers.json'), JSON.stringify(workflow));
  await writeFile(
    at('passing.test.json'),
    JSON.stringify({ schemaVersion: 1, workflow: 'tiers', cases: [bigCase('big')] }),
  );
  await writeFile(
    at('failing.test.json'),
    JSON.stringify({
      schemaVersion: 1,
      workflow: 'tiers',
      cases: [bigCase('huge'), { ...bigCase('big'), name: 'unmocked', mocks: {} }],
    }),
  );
  await writeFile(
    at('invalid.test.json'),
    JSON.stringify({
      schemaVersion: 1,
      workflow: 'tiers',
      cases: [{ name: 'x', mocks: { ghost: { output: 1 } } }],
    }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const slow = { timeout: 60_000 };

describe('miniflow test', slow, () => {
  it('passes every example test in examples/', async () => {
    const result = await miniflow(['test', 'examples']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/\d+ passed, 0 failed\n$/);
    expect(result.code).toBe(0);
  });

  it('prints the case, the path of the first mismatch, expected and actual; exit 1', async () => {
    const junit = at('out/junit.xml');
    const result = await miniflow([
      'test',
      at('failing.test.json'),
      at('passing.test.json'),
      '--junit',
      junit,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  ✗ big orders go to the big tier (1 h virtual,');
    expect(result.stdout).toMatch(
      /steps\.bigTier\.output\.tier: not equal\n {6}expected: "huge"\n {6}actual: {3}"big"/,
    );
    expect(result.stdout).toContain('  ✗ unmocked');
    expect(result.stdout).toContain('mocks.fetch: step fetch is not mocked');
    expect(result.stdout).toMatch(
      / {2}✓ big orders go to the big tier \(1 h virtual, \d+ ms real\)/,
    );
    expect(result.stdout).toContain('1 passed, 2 failed\n');
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain(`<testsuite name="${at('failing.test.json')}" tests="2" failures="2"`);
    expect(xml).toContain(
      '<failure message="steps.bigTier.output.tier: not equal" type="mismatch">',
    );
    expect(xml).toContain('<testcase name="big orders go to the big tier" classname="tiers"');
  });

  it('exits 2 for an invalid test file, naming the path of each problem', async () => {
    const result = await miniflow(['test', dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`✗ ${at('invalid.test.json')}: invalid`);
    expect(result.stdout).toContain('cases[0].mocks.ghost: Workflow "tiers" has no step "ghost"');
  });

  it('reports coverage, what no case reached, and fails under the minimum', async () => {
    const result = await miniflow([
      'test',
      at('passing.test.json'),
      '--coverage',
      '--min-coverage',
      '90',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('coverage "tiers": 76.9% (steps 5/6, branches 5/7)');
    expect(result.stdout).toContain('  not reached: step smallTier\n');
    expect(result.stdout).toContain('  not reached: port false of big\n');
    expect(result.stdout).toContain('  not reached: edge big:false->smallTier\n');
    expect(result.stdout).toContain('coverage "tiers" is below the minimum of 90%');
    const enough = await miniflow(['test', at('passing.test.json'), '--min-coverage', '70']);
    expect(enough.code).toBe(0);
  });

  it('prints JSON with --json and runs only matching cases with --filter', async () => {
    const result = await miniflow([
      'test',
      at('failing.test.json'),
      '--json',
      '--filter',
      'UNMOCK',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      passed: number;
      failed: number;
      files: { cases: { name: string; failures: { path: string }[] }[] }[];
    };
    expect(report.passed).toBe(0);
    expect(report.failed).toBe(1);
    expect(report.files[0]?.cases.map((c) => c.name)).toEqual(['unmocked']);
    expect(report.files[0]?.cases[0]?.failures[0]?.path).toBe('mocks.fetch');
    expect(result.stderr).toContain('0 passed, 1 failed');
  });

  it('is what miniflow validate checks test files with', async () => {
    const result = await miniflow(['validate', at('passing.test.json'), at('invalid.test.json')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`✓ ${at('passing.test.json')}: valid (1 test case)`);
    expect(result.stderr).toContain(`✗ ${at('invalid.test.json')}: invalid (1 error)`);
    expect(result.stderr).toContain('cases[0].mocks.ghost: Workflow "tiers" has no step "ghost"');
  });

  it('refuses a bad --min-coverage and a path with no test files', async () => {
    const bad = await miniflow(['test', dir, '--min-coverage', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-coverage must be a percentage from 0 to 100, got "lots"');
    const none = await miniflow(['test', path.join(root, 'docs')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No test files');
  });
});
