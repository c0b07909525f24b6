/**
 * What `npm start` costs at rest: resident memory of the MiniFlow process (web server
 * and one worker in one process; PostgreSQL is separate) once started and idle, and how
 * long a start on an existing data folder takes until it serves.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../src/server/db/embedded-postgres';

const root = path.resolve(import.meta.dirname, '..');

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function start(dataDir: string, port: number) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      MINIFLOW_DATA_DIR: dataDir,
      MINIFLOW_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('MiniFlow is ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`start exited with ${code}`)));
  });
  return { child, seconds: (performance.now() - started) / 1000 };
}

export async function run() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'miniflow-footprint-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  try {
    const first = await start(dataDir, port);
    first.child.kill('SIGTERM');
    await new Promise((r) => first.child.once('exit', r));
    const second = await start(dataDir, port);
    await fetch(`http://localhost:${port}/sign-in`);
    await new Promise((r) => setTimeout(r, 5_000));
    const rss = rssMb(second.child.pid!);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    return { rss_idle_mb: rss, start_warm_s: Math.round(second.seconds * 10) / 10 };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}
