import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/server/db/embedded-postgres';

/**
 * `npm start` end to end: first start on an empty data folder, a clean stop, a restart
 * that keeps the data, and a start after the previous one was SIGKILLed.
 */
let dataDir: string;
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1_000));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function start(port: number): Promise<{ output: () => string; proc: ChildProcess }> {
  let output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      AUTH_SECRET: '',
      PORT: String(port),
      MINIFLOW_DATA_DIR: dataDir,
      MINIFLOW_ADMIN_EMAIL: 'first@owner.test',
      MINIFLOW_ADMIN_PASSWORD: 'first-owner-password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as in a terminal: Ctrl-C signals the whole group.
    detached: true,
  });
  child = proc;
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('MiniFlow is ready at')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    proc.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`start exited with ${code}:\n${output}`));
    });
  });
  return { output: () => output, proc };
}

function stop(proc: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    proc.once('exit', (code) => resolve(code));
    proc.kill(signal);
  });
}

async function waitFor(read: () => string | Promise<string>, expected: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await read()).includes(expected)) {
    if (Date.now() > deadline) throw new Error(`Still waiting for "${expected}":\n${await read()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Ctrl-C in a terminal: SIGINT to every process of the foreground group. */
function interruptGroup(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    proc.once('exit', (code) => resolve(code));
    process.kill(-proc.pid!, 'SIGINT');
  });
}

/** Log lines at error level or above, JSON or human-readable. */
function errorLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /"level":"(error|fatal)"|\b(ERROR|FATAL)\b|Error:|^\s+at /.test(line));
}

async function query(sql: string) {
  const config = JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8')) as {
    postgresPassword: string;
  };
  const pid = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  const client = new pg.Client({
    host: '127.0.0.1',
    port: Number(pid[3]),
    user: 'postgres',
    password: config.postgresPassword,
    database: 'miniflow',
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

describe('npm start', () => {
  it('starts on an empty folder, stops cleanly on Ctrl-C, keeps data, restarts a killed PostgreSQL and survives a SIGKILL', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'miniflow-start-'));
    await chmod(dataDir, 0o755);
    const port = await freePort();

    const first = await start(port);
    expect(first.output()).toContain(`MiniFlow is ready at http://localhost:${port}`);
    expect(first.output()).toContain('First start: sign in as first@owner.test');
    // A build and the server that follows it read next.config.mjs; one line says so.
    expect(first.output().match(/Running next\.config/g)?.length ?? 0).toBeLessThanOrEqual(1);
    const health = await fetch(`http://localhost:${port}/api/health`);
    const body = await health.json();
    expect(body, JSON.stringify(body)).toMatchObject({ status: 'ok', database: { status: 'ok' } });
    const ready = await fetch(`http://localhost:${port}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      database: 'up',
      migrations: 'applied',
    });
    expect((await fetch(`http://localhost:${port}/api/health/live`)).status).toBe(200);
    await query('UPDATE "Workspace" SET name = \'Renamed before restart\'');
    // Ctrl-C: web, worker, scheduler, then PostgreSQL stop in order, quietly.
    expect(await interruptGroup(first.proc), first.output()).toBe(0);
    expect(first.output()).toMatch(/PostgreSQL stopped\.\n.*MiniFlow stopped\./);
    expect(errorLines(first.output()), first.output()).toEqual([]);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await start(port);
    expect(second.output()).not.toContain('First start');
    // The clean stop removed the worker's heartbeat: the first sweep (after 5 s) finds no
    // silent worker to release jobs from.
    expect(await query('SELECT count(*)::int AS n FROM "WorkerHeartbeat"')).toEqual([{ n: 1 }]);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(second.output()).not.toContain('Released the jobs of silent workers');
    expect(await query('SELECT name FROM "Workspace"')).toEqual([
      { name: 'Renamed before restart' },
    ]);
    const page = await fetch(`http://localhost:${port}/sign-in`);
    expect(page.status).toBe(200);

    // PostgreSQL killed under the running app: npm start restarts it and the app recovers.
    const postmaster = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8');
    process.kill(Number(postmaster.split('\n')[0]), 'SIGKILL');
    await waitFor(second.output, 'PostgreSQL is running again');
    await waitFor(
      async () => String((await fetch(`http://localhost:${port}/api/health/ready`)).status),
      '200',
    );
    expect(await query('SELECT name FROM "Workspace"')).toEqual([
      { name: 'Renamed before restart' },
    ]);
    await stop(second.proc, 'SIGKILL');

    const third = await start(port);
    expect(third.output()).toMatch(/Stopping a PostgreSQL \(pid \d+\) left running/);
    expect((await fetch(`http://localhost:${port}/api/health`)).status).toBe(200);
    expect(await stop(third.proc, 'SIGTERM')).toBe(0);
  }, 300_000);
});
