/**
 * The test engine through the CLI: `miniflow test` on 1,000 cases of a 10-step workflow
 * with two mocked HTTP steps (one flaky, so it retries with back-off), a one-hour delay and
 * a branch. Wall-clock seconds for the whole command, process start included: the median
 * of ROUNDS runs, as the machine's load comes and goes.
 *
 *   node --import tsx bench/tests.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const CASES = 1_000;
const ROUNDS = 3;
const root = path.resolve(import.meta.dirname, '..');

const workflow = {
  schemaVersion: 1,
  name: 'bench orders',
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    {
      id: 'normalize',
      type: 'set',
      params: { values: { id: '{{ input.id }}', total: '{{ input.total }}' } },
    },
    {
      id: 'fetch',
      type: 'http',
      params: { url: 'https://api.example.com/customers/{{ input.id }}' },
      retry: { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 1_000 },
    },
    { id: 'wait', type: 'delay', params: { ms: 3_600_000 } },
    { id: 'big', type: 'if', params: { condition: 'steps.normalize.total > 100' } },
    { id: 'bigTier', type: 'set', params: { values: { tier: 'big' } } },
    { id: 'smallTier', type: 'set', params: { values: { tier: 'small' } } },
    { id: 'joined', type: 'merge', params: { mode: 'first' } },
    {
      id: 'notify',
      type: 'http',
      params: { method: 'POST', url: 'https://api.example.com/notify' },
    },
    {
      id: 'summary',
      type: 'transform',
      params: {
        expression:
          '{ "id": steps.normalize.id, "tier": steps.joined.tier, "customer": steps.fetch.body.name }',
      },
    },
  ],
  edges: [
    { from: 'start', to: 'normalize' },
    { from: 'normalize', to: 'fetch' },
    { from: 'fetch', to: 'wait' },
    { from: 'wait', to: 'big' },
    { from: 'big', to: 'bigTier', fromPort: 'true' },
    { from: 'big', to: 'smallTier', fromPort: 'false' },
    { from: 'bigTier', to: 'joined' },
    { from: 'smallTier', to: 'joined' },
    { from: 'joined', to: 'notify' },
    { from: 'notify', to: 'summary' },
  ],
};

function testFile() {
  return {
    schemaVersion: 1,
    workflow: 'orders',
    cases: Array.from({ length: CASES }, (_, i) => {
      const total = i % 2 === 0 ? 500 : 50;
      return {
        name: `order ${i}`,
        input: { id: i, total },
        mocks: {
          fetch: {
            sequence: [
              { error: 'HTTP 503', retryable: true },
              { output: { status: 200, headers: {}, body: { name: `customer ${i}` } } },
            ],
          },
          notify: { output: { status: 202, headers: {}, body: {} } },
        },
        expect: {
          status: 'succeeded',
          steps: {
            fetch: { attempts: 2 },
            summary: { output: { tier: total > 100 ? 'big' : 'small' } },
          },
          assert: ['steps.wait.status = "succeeded"'],
        },
      };
    }),
  };
}

/** One `miniflow test` of the folder, in seconds; throws unless every case passed. */
function once(dir: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(root, 'bin/miniflow.mjs'), 'test', dir], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const summary = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || summary !== `${CASES} passed, 0 failed`) {
    throw new Error(`miniflow test exited ${result.status}: ${summary}\n${result.stderr}`);
  }
  return seconds;
}

export async function run(): Promise<{ tests_1000_cases_s: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'miniflow-bench-tests-'));
  try {
    writeFileSync(path.join(dir, 'orders.json'), JSON.stringify(workflow));
    writeFileSync(path.join(dir, 'orders.test.json'), JSON.stringify(testFile()));
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) samples.push(once(dir));
    samples.sort((a, b) => a - b);
    const seconds = samples[Math.floor(samples.length / 2)] ?? 0;
    return { tests_1000_cases_s: Math.round(seconds * 100) / 100 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
}
