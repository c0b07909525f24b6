import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMemoryStateStore,
  createNodePorts,
  createPinoLogger,
  systemTimer,
} from './node-ports';

const dir = mkdtempSync(path.join(tmpdir(), 'node-ports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('systemTimer', () => {
  it('sleeps, and resolves early when aborted', async () => {
    const started = Date.now();
    await systemTimer.sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);

    const controller = new AbortController();
    const sleeping = systemTimer.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    await systemTimer.sleep(60_000, controller.signal);
  });
});

describe('createMemoryStateStore', () => {
  it('stores copies by key', async () => {
    const state = createMemoryStateStore();
    const value = { n: 1 };
    await state.set('k', value);
    value.n = 2;
    expect(await state.get('k')).toEqual({ n: 1 });
    expect(await state.get('other')).toBeUndefined();
  });
});

describe('createPinoLogger', () => {
  it('writes JSON lines at or above its level, with secrets masked', () => {
    const file = path.join(dir, 'log.jsonl');
    const fd = openSync(file, 'w');
    const secrets = new Set<string>();
    const logger = createPinoLogger({ fd, level: 'info', secrets });
    secrets.add('hunter2');
    logger.log('debug', 'hidden');
    logger.log('warn', 'token hunter2 used', { nodeId: 'n1', header: 'Bearer hunter2' });
    closeSync(fd);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 40,
      msg: 'token ••••[credentials] used',
      nodeId: 'n1',
      header: 'Bearer ••••[credentials]',
    });
  });
});

describe('createNodePorts', () => {
  it('runs code in the sandbox and disposes it', async () => {
    const ports = createNodePorts({ logLevel: 'silent', env: {} });
    const out = await ports.sandbox.run('return a + 1', { a: 1 }, { timeoutMs: 500, memoryMb: 16 });
    expect(out).toBe(2);
    expect(ports.clock.now()).toBeGreaterThan(0);
    await ports.dispose();
    await expect(
      ports.sandbox.run('return 1', {}, { timeoutMs: 500, memoryMb: 16 }),
    ).rejects.toThrow(/closed/);
  });

  it('evaluates expressions in bounded processes, with the limits of its environment', async () => {
    const ports = createNodePorts({
      logLevel: 'silent',
      env: { MINIFLOW_EXPRESSION_TIMEOUT_MS: '300', MINIFLOW_EXPRESSION_MEMORY_MB: '48' },
    });
    const context = {
      input: {},
      steps: {},
      vars: {},
      run: { id: 'r', workflowId: 'w', attempt: 1 },
    };
    const evaluate = (source: string) => ports.expressions!.evaluate(source, context, {});
    try {
      await expect(evaluate("$pad('', 200000000)")).rejects.toThrow(
        /12582912-character string length limit/,
      );
      await expect(evaluate("$match($pad('', 30, 'a') & '!', /(a+)+$/)")).rejects.toThrow(
        /exceeded the 300 ms time limit/,
      );
      expect(await evaluate('$sum([1, 2])')).toBe(3);
    } finally {
      await ports.dispose();
    }
  });

  it('names a malformed expression limit', () => {
    expect(() => createNodePorts({ env: { MINIFLOW_EXPRESSION_MEMORY_MB: 'lots' } })).toThrow(
      /MINIFLOW_EXPRESSION_MEMORY_MB/,
    );
  });
});
