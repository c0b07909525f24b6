import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Configuration is checked before anything starts: a malformed variable stops `npm start`
 * and `miniflow worker` at once, naming it, instead of running with a silent fallback.
 */

const root = path.resolve(import.meta.dirname, '..');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnNode(args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env: { ...process.env, ...env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'miniflow-env-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('a malformed variable', { timeout: 60_000 }, () => {
  it('stops npm start before anything starts, naming the variable', async () => {
    const result = await spawnNode(['--import', 'tsx', 'scripts/start.ts'], {
      MINIFLOW_WORKER_CONCURRENCY: 'abc',
      MINIFLOW_DATA_DIR: dataDir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('MINIFLOW_WORKER_CONCURRENCY: must be a whole number');
    // Nothing was started: no PostgreSQL cluster, no generated configuration.
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('stops miniflow worker, naming the variable', async () => {
    const result = await spawnNode([path.join(root, 'bin/miniflow.mjs'), 'worker'], {
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
      MINIFLOW_DB_POOL_SIZE: 'many',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MINIFLOW_DB_POOL_SIZE: must be a whole number');
    expect(result.stderr).not.toContain('internal error');
  });
});
