import { afterAll, describe, expect, it } from 'vitest';
import { defaultRegistry, runInline } from '../../engine';
import { buildWorkflow } from '../../engine/testing/build-workflow';
import { createMemoryPorts } from '../../engine/testing/memory-ports';
import { createVirtualTime } from '../../engine/testing/virtual-time';
import { IsolatedVmSandbox } from './isolated-vm-sandbox';

/** Code steps in whole runs with the real sandbox: size and time bounds, the host unharmed. */

const sandbox = new IsolatedVmSandbox();
afterAll(() => sandbox.close());

const retry = { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 10 } as const;

function run(code: string, node: Record<string, unknown> = {}, maxOutputBytes?: number) {
  const time = createVirtualTime(0);
  return runInline({
    workflow: buildWorkflow(
      {
        start: 'manual',
        big: { type: 'code', params: { code, memoryMb: 256, timeoutMs: 10_000 }, retry, ...node },
      },
      ['start -> big'],
    ),
    registry: defaultRegistry,
    ports: {
      ...createMemoryPorts(),
      sandbox,
      clock: time.clock,
      timer: time.timer,
      ...(maxOutputBytes === undefined ? {} : { maxOutputBytes }),
    },
  });
}

describe('code steps in a run', () => {
  it('fail at once, naming the limit, when the code returns 50 MB', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await run('return { text: "x".repeat(50 * 1024 * 1024) };');
    expect(result.status).toBe('failed');
    expect(result.steps.big).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: {
        message:
          'Step output is 52,428,811 bytes, over the 1 MB limit (MINIFLOW_STEP_OUTPUT_MAX_BYTES)',
        retryable: false,
      },
    });
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
    expect((await run('return 42;')).output).toEqual({ big: 42 });
  }, 30_000);

  it('follow the configured limit', async () => {
    const result = await run('return "y".repeat(5000);', {}, 4096);
    expect(result.steps.big?.error?.message).toBe(
      'Step output is 5,002 bytes, over the 4 KB limit (MINIFLOW_STEP_OUTPUT_MAX_BYTES)',
    );
  });

  it('are stopped by the step timeout, retried, and leave the sandbox usable', async () => {
    const started = performance.now();
    const result = await run('while (true) {}', { timeoutMs: 200 });
    expect(result.steps.big).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: { message: 'Step "big" timed out after 200 ms' },
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect((await run('return 1 + 1;')).output).toEqual({ big: 2 });
  }, 30_000);
});
