import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real `miniflow` launcher started the way a user starts any CLI: from a folder of their
 * own, outside the project, with file paths relative to it.
 */

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/miniflow.mjs');

interface Outcome {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

let dir: string;

function miniflow(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: dir, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, signal: err?.signal ?? null, stdout, stderr });
      },
    );
  });
}

const workflow = (name: string, nodes: unknown[], edges: unknown[]) =>
  JSON.stringify({ schemaVersion: 1, name, nodes, edges });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'miniflow-elsewhere-'));
  await copyFile(path.join(root, 'examples/expense-approval.json'), path.join(dir, 'expense.json'));
  await writeFile(
    path.join(dir, 'double.json'),
    workflow(
      'double',
      [
        { id: 'start', type: 'manual', params: {} },
        { id: 'twice', type: 'code', params: { code: 'return { n: input.n * 2 }' } },
        {
          id: 'child',
          type: 'subWorkflow',
          params: { workflowId: 'label', input: '{{ steps.twice }}' },
        },
      ],
      [
        { from: 'start', to: 'twice' },
        { from: 'twice', to: 'child' },
      ],
    ),
  );
  await writeFile(
    path.join(dir, 'label.json'),
    workflow(
      'label',
      [
        { id: 'start', type: 'manual', params: {} },
        { id: 'text', type: 'set', params: { values: { label: 'n is {{ input.n }}' } } },
      ],
      [{ from: 'start', to: 'text' }],
    ),
  );
  await writeFile(
    path.join(dir, 'spin.json'),
    workflow(
      'spin',
      [
        { id: 'start', type: 'manual', params: {} },
        { id: 'spin', type: 'code', params: { code: 'while (true) {}' }, timeoutMs: 300 },
      ],
      [{ from: 'start', to: 'spin' }],
    ),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('miniflow outside the project folder', { timeout: 60_000 }, () => {
  it('validates and runs workflows given by paths relative to the working folder', async () => {
    const [validated, ran, example] = await Promise.all([
      miniflow(['validate', 'expense.json', 'double.json']),
      miniflow(['run', 'double.json', '--json', '--input', '{"n": 21}']),
      miniflow(['run', 'expense.json', '--input', '{"amount": 120}']),
    ]);

    expect(validated.stderr).toBe('');
    expect(validated.stdout).toContain('✓ expense.json: valid (7 steps)');
    expect(validated.stdout).toContain('✓ double.json: valid (3 steps)');
    expect(validated.code).toBe(0);

    expect(ran.stderr).not.toContain('Cannot find');
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      status: 'succeeded',
      output: { child: { text: { label: 'n is 42' } } },
    });

    // The example runs up to its HTTP step, which has no server to reach here.
    expect(example.stderr).not.toContain('Cannot find');
    expect(example.stdout).toMatch(/✓ autoApprove\s+succeeded/);
  });

  it('reports a code step that times out and exits 1, not with a crash', async () => {
    const result = await miniflow(['run', 'spin.json']);
    expect(result.signal).toBeNull();
    expect(result.stdout).toMatch(/✗ spin\s+failed/);
    expect(result.stdout).toContain('Step "spin" timed out after 300 ms');
    expect(result.code).toBe(1);
  });
});
