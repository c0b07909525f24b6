import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real `miniflow` command as a subprocess: launcher, tsx, commander, exit codes and
 * which stream each line goes to. Independent invocations run in parallel to stay fast.
 */

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/miniflow.mjs');
const examplesDir = path.join(root, 'examples');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function miniflow(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, env: { ...process.env, ...env }, timeout: 20_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const fixtures: Record<string, unknown> = {
  'branches.json': {
    schemaVersion: 1,
    name: 'branches',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'big', type: 'if', params: { condition: 'input.amount > 100' } },
      {
        id: 'high',
        type: 'set',
        params: { values: { tier: 'high', amount: '{{ input.amount }}' } },
      },
      { id: 'low', type: 'set', params: { values: { tier: 'low' } } },
      { id: 'joined', type: 'merge', params: { mode: 'first' } },
      {
        id: 'secret',
        type: 'set',
        params: { values: { tier: '{{ steps.joined.tier }}', key: "{{ $secret('api-key') }}" } },
      },
    ],
    edges: [
      { from: 'start', to: 'big' },
      { from: 'big', to: 'high', fromPort: 'true' },
      { from: 'big', to: 'low', fromPort: 'false' },
      { from: 'high', to: 'joined' },
      { from: 'low', to: 'joined' },
      { from: 'joined', to: 'secret' },
    ],
  },
  'boom.json': {
    schemaVersion: 1,
    name: 'boom',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'stop', type: 'fail', params: { message: 'Order {{ input.id }} is broken' } },
    ],
    edges: [{ from: 'start', to: 'stop' }],
  },
  'loop.json': {
    schemaVersion: 1,
    name: 'loop',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'each', type: 'forEach', params: { items: 'input.items', workflowId: 'square' } },
      {
        id: 'byName',
        type: 'subWorkflow',
        params: { workflowId: 'Square a number', input: 5 },
      },
      { id: 'total', type: 'transform', params: { expression: '$sum(steps.each.sq)' } },
    ],
    edges: [
      { from: 'start', to: 'each' },
      { from: 'each', to: 'byName' },
      { from: 'byName', to: 'total' },
    ],
  },
  'dangling.json': {
    schemaVersion: 1,
    name: 'dangling',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'each', type: 'forEach', params: { items: 'input', workflowId: 'nowhere' } },
    ],
    edges: [{ from: 'start', to: 'each' }],
  },
  'fire.json': {
    schemaVersion: 1,
    name: 'fire and forget',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'audit', type: 'subWorkflow', params: { workflowId: 'nap', wait: false } },
      { id: 'done', type: 'set', params: { values: { ok: true } } },
    ],
    edges: [
      { from: 'start', to: 'audit' },
      { from: 'audit', to: 'done' },
    ],
  },
  'nap.json': {
    schemaVersion: 1,
    name: 'nap',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'wait', type: 'delay', params: { ms: 800 } },
    ],
    edges: [{ from: 'start', to: 'wait' }],
  },
  'slow.json': {
    schemaVersion: 1,
    name: 'slow',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'wait', type: 'delay', params: { ms: 60_000 } },
    ],
    edges: [{ from: 'start', to: 'wait' }],
  },
};

// YAML, to check both formats and that the sub-workflow is found by file name.
const squareYaml = `schemaVersion: 1
name: Square a number
nodes:
  - { id: start, type: manual, params: {} }
  - id: sq
    type: code
    params: { code: "return input * input" }
edges:
  - { from: start, to: sq }
`;

const invalidJson = JSON.stringify({
  schemaVersion: 1,
  name: 'invalid',
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    { id: 'x', type: 'nope', params: {} },
  ],
  edges: [
    { from: 'start', to: 'x' },
    { from: 'x', to: 'ghost' },
  ],
});

let dir: string;
const at = (file: string) => path.join(dir, file);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'miniflow-cli-'));
  await Promise.all([
    ...Object.entries(fixtures).map(([file, wf]) => writeFile(at(file), JSON.stringify(wf))),
    writeFile(at('square.yaml'), squareYaml),
    writeFile(at('invalid.json'), invalidJson),
    writeFile(at('truncated.json'), '{ "schemaVersion": 1, "nodes": ['),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each process spends ~1 s compiling and loading; parallel ones share few CPUs in CI.
const slow = { timeout: 60_000 };

describe('miniflow validate', slow, () => {
  it('accepts every example, and reports each problem of invalid files with paths', async () => {
    const examples = (await readdir(examplesDir)).map((f) => path.join(examplesDir, f));
    const [good, bad] = await Promise.all([
      miniflow(['validate', ...examples]),
      miniflow(['validate', at('invalid.json'), at('truncated.json'), at('missing.json')]),
    ]);

    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    for (const file of examples) expect(good.stdout).toContain(`✓ ${file}: valid (`);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('nodes[1].type: Unknown step type "nope"');
    expect(bad.stderr).toContain('edges[1].to: Edge ends at unknown node "ghost"');
    expect(bad.stderr).toMatch(/truncated\.json: invalid[^\n]*\n {2}Invalid JSON/);
    expect(bad.stderr).toMatch(/missing\.json: invalid[^\n]*\n {2}Cannot read file: no such file/);
  });
});

describe('miniflow run', slow, () => {
  it('runs set/if/merge, fails on a fail step and rejects bad arguments', async () => {
    const [big, small, failed, badInput, invalid, dangling] = await Promise.all([
      miniflow(['run', at('branches.json'), '--json', '--input', '{"amount":150}'], {
        MINIFLOW_SECRET_API_KEY: 's3cr3t-value',
      }),
      miniflow(['run', at('branches.json'), '--input', '{"amount":5}']),
      miniflow(['run', at('boom.json'), '--json', '--input', '{"id":7}']),
      miniflow(['run', at('branches.json'), '--input', '{amount:1}']),
      miniflow(['run', at('invalid.json'), '--json']),
      miniflow(['run', at('dangling.json')]),
    ]);

    expect(big.code).toBe(0);
    const report = JSON.parse(big.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      status: 'succeeded',
      // The secret came from MINIFLOW_SECRET_API_KEY and is masked in what is printed.
      output: { secret: { tier: 'high', key: '••••[credentials]' } },
      steps: {
        start: { status: 'succeeded', attempts: 1, output: { amount: 150 }, error: null },
        big: { status: 'succeeded', attempts: 1 },
        high: { status: 'succeeded', output: { tier: 'high', amount: 150 } },
        low: { status: 'skipped', attempts: 0, output: null, error: null },
        joined: { status: 'succeeded', output: { tier: 'high', amount: 150 } },
      },
    });
    expect(Object.keys(report).sort()).toEqual(['durationMs', 'output', 'status', 'steps']);
    expect(big.stdout + big.stderr).not.toContain('s3cr3t-value');

    // Without the variable, $secret() has nothing to read: the step and the run fail.
    expect(small.code).toBe(1);
    expect(small.stdout).toMatch(/✓ low\s+succeeded\s+1 attempt/);
    expect(small.stdout).toMatch(/- high\s+skipped/);
    expect(small.stdout).toContain('Run failed');

    expect(failed.code).toBe(1);
    const failedReport = JSON.parse(failed.stdout);
    expect(failedReport.status).toBe('failed');
    expect(failedReport.steps.stop.error.message).toContain('Order 7 is broken');

    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toContain('--input: not valid JSON');
    expect(badInput.stdout).toBe('');

    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain('nodes[1].type: Unknown step type "nope"');

    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toContain('nodes[1].params.workflowId: No workflow "nowhere"');
  });

  it('runs for-each and sub-workflows from files in the same folder', async () => {
    const result = await miniflow([
      'run',
      at('loop.json'),
      '--json',
      '--input',
      '{"items":[1,2,3]}',
    ]);
    expect(result.stderr).not.toContain('rror');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.steps.each.output).toEqual([{ sq: 1 }, { sq: 4 }, { sq: 9 }]);
    expect(report.steps.byName.output).toEqual({ sq: 25 });
    expect(report.output).toEqual({ total: 14 });
  });

  it('waits for detached child runs before exiting, within --timeout', async () => {
    const [waited, human, cut] = await Promise.all([
      miniflow(['run', at('fire.json'), '--json']),
      miniflow(['run', at('fire.json')]),
      miniflow(['run', at('fire.json'), '--json', '--timeout', '300']),
    ]);
    expect(waited.code).toBe(0);
    const report = JSON.parse(waited.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      status: 'succeeded',
      detached: [{ nodeId: 'audit', workflowId: 'nap', status: 'succeeded', error: null }],
    });
    expect(report.durationMs).toBeGreaterThanOrEqual(800);

    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Detached runs:\n  ✓ audit[0] → nap succeeded');

    // The parent succeeded; its detached child was cut off at the run's deadline.
    expect(cut.code).toBe(0);
    expect(JSON.parse(cut.stdout)).toMatchObject({
      status: 'succeeded',
      detached: [
        {
          nodeId: 'audit',
          status: 'cancelled',
          error: { message: 'Cancelled: Run timed out after 300 ms' },
        },
      ],
    });
  });

  it('cancels the run on Ctrl-C and exits 1', async () => {
    const child = spawn(process.execPath, [bin, 'run', at('slow.json')], { cwd: root });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // "Running …" is written just before the run starts: interrupt the waiting delay step.
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Running')) setTimeout(() => child.kill('SIGINT'), 200);
    });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(stdout).toMatch(/⊘ wait\s+cancelled/);
    expect(stdout).toContain('Run cancelled');
    expect(stdout).toContain('Error: Cancelled: interrupted by SIGINT');
  });
});
