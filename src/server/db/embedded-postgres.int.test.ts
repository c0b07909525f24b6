import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';

const password = 'test-password';
let dir: string;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps data across a restart and recovers from a SIGKILLed holder', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'miniflow-embedded-'));
    await chmod(dir, 0o755);
    const dataDir = path.join(dir, 'pg');

    const first = await startEmbeddedPostgres({ dataDir, password });
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')");
    await first.stop();

    // A start whose Node process is SIGKILLed leaves PostgreSQL running on the folder.
    const script = `
      import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve('src/server/db/embedded-postgres.ts'))};
      const pg = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, password: ${JSON.stringify(password)} });
      console.log('READY');
      setInterval(() => {}, 1000);
    `;
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    holder.kill('SIGKILL');

    const second = await startEmbeddedPostgres({ dataDir, password });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('serves clients on this machine over a Unix socket in the data folder', async () => {
    const socketDir = await mkdtemp(path.join(tmpdir(), 'miniflow-socket-'));
    await chmod(socketDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(socketDir, 'pg'), password });
    try {
      expect(new URL(server.localUrl).searchParams.get('host')).toBe(path.join(socketDir, 'pg'));
      const [local] = await query(server.localUrl, 'SELECT inet_client_addr() AS addr');
      expect(local).toEqual({ addr: null });
      const [tcp] = await query(server.url, 'SELECT inet_client_addr() AS addr');
      expect(tcp).toEqual({ addr: '127.0.0.1' });
    } finally {
      await server.stop();
      await rm(socketDir, { recursive: true, force: true });
    }
  }, 60_000);
});
