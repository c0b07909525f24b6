import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../bench/lib/sign-in';
import {
  freePort,
  startEmbeddedPostgres,
  type RunningPostgres,
} from '../src/server/db/embedded-postgres';
import { waitUntil } from '../src/test/runtime-waits';

/**
 * `npm start` against an external PostgreSQL that goes away and comes back: callers get 503
 * with Retry-After, health says `down` without internals, the log says so once and once
 * that it is back, and a stop during the outage is quick.
 */
let dir: string;
let app: ChildProcess | undefined;
let postgres: RunningPostgres | undefined;

afterAll(async () => {
  if (app && app.exitCode === null) app.kill('SIGKILL');
  await postgres?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const EMAIL = 'owner@outage.test';
const PASSWORD = 'outage-owner-password';

describe('a database outage', () => {
  it('answers 503 with Retry-After, logs it once, recovers, and stops quickly', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'miniflow-outage-'));
    await chmod(dir, 0o755);
    const pgOptions = { dataDir: path.join(dir, 'pg'), password: 'outage-test', ephemeral: true };
    postgres = await startEmbeddedPostgres(pgOptions);
    const pgPort = postgres.port;
    const port = await freePort();
    const base = `http://localhost:${port}`;
    let output = '';
    app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: postgres.url,
        PORT: String(port),
        MINIFLOW_DATA_DIR: path.join(dir, 'data'),
        MINIFLOW_ADMIN_EMAIL: EMAIL,
        MINIFLOW_ADMIN_PASSWORD: PASSWORD,
        MINIFLOW_LOG_LEVEL: 'info',
        MINIFLOW_LOG_FORMAT: 'json',
        MINIFLOW_WORKER_CONCURRENCY: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    app.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await waitUntil(
      'MiniFlow to start',
      () => {
        if (app!.exitCode !== null) throw new Error(`start exited:\n${output}`);
        return output.includes('MiniFlow is ready at') || undefined;
      },
      180_000,
    );
    const cookie = await signIn(base, EMAIL, PASSWORD);
    const hook = () => fetch(`${base}/api/hooks/default/nothing-here`, { method: 'POST' });
    const api = () => fetch(`${base}/api/trpc/workspace.mine`, { headers: { cookie } });
    expect((await hook()).status).toBe(404);
    expect((await api()).status).toBe(200);

    const before = output.length;
    await postgres.stop();
    for (let i = 0; i < 20; i++) {
      const [webhook, trpc] = await Promise.all([hook(), api()]);
      expect(webhook.status).toBe(503);
      expect(webhook.headers.get('retry-after')).toBe('5');
      expect(await webhook.json()).toEqual({
        error: { message: 'The database is unreachable; try again shortly' },
      });
      expect(trpc.status).toBe(503);
      expect(trpc.headers.get('retry-after')).toBe('5');
    }
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(503);
    const text = await health.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'degraded', database: { status: 'down' } });
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain(String(pgPort));
    expect((await fetch(`${base}/api/health/ready`)).status).toBe(503);
    expect((await fetch(`${base}/api/health/live`)).status).toBe(200);

    // One line that it went away; no error line per failed request.
    const during = output.slice(before);
    expect(during.match(/The database is unreachable/g), during).toHaveLength(1);
    expect(during.split('\n').filter((l) => l.includes('"level":"error"'))).toEqual([]);

    postgres = await startEmbeddedPostgres({ ...pgOptions, port: pgPort });
    await waitUntil(
      'the app to see the database again',
      async () => (await fetch(`${base}/api/health/ready`)).status === 200 || undefined,
      30_000,
    );
    await waitUntil(
      'the recovery line',
      () => /The database is back after/.test(output) || undefined,
    );
    expect((await hook()).status).toBe(404);
    expect((await api()).status).toBe(200);

    // Stopping while the database is gone takes seconds, and says it stopped.
    await postgres.stop();
    expect((await hook()).status).toBe(503);
    const started = performance.now();
    const exited = once(app, 'exit');
    app.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(code).toBe(0);
    expect(output).toContain('MiniFlow stopped.');
  }, 300_000);
});
