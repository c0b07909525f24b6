/**
 * `npm run chaos`: the fault experiments an operator meets, against a real `npm start` on a
 * throw-away data folder. Under webhook load it kills the server (SIGKILL) three times and
 * the embedded PostgreSQL twice, lets 200 clients hang up early, and keeps a cron schedule
 * firing every second throughout. Then it counts what callers were told against what the
 * database holds: acknowledged, recorded, lost, duplicated and stuck runs, cron seconds
 * fired, missed and fired twice, and how outages looked from outside. Exits 1 unless
 * nothing was lost, duplicated or stuck.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../src/server/db/embedded-postgres';
import { buildIsStale, runNextBuild } from './lib/ensure-build';
import {
  embeddedDatabaseUrl,
  errorLines,
  postmaster,
  startApp,
  type ChaosApp,
} from './lib/chaos-app';

const root = path.resolve(import.meta.dirname, '..');
const FINAL = ['succeeded', 'failed', 'cancelled'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => console.log(`[chaos] ${line}`);

const dataDir = await mkdtemp(path.join(tmpdir(), 'miniflow-chaos-'));
await chmod(dataDir, 0o755);
const port = await freePort();
const base = `http://localhost:${port}`;
if (buildIsStale(root)) await runNextBuild(root);
// The data folder's config, written first: PostgreSQL keeps one port across every restart,
// so this script's own connection follows it.
const config = {
  postgresPassword: randomBytes(18).toString('base64url'),
  postgresPort: await freePort(),
  authSecret: randomBytes(32).toString('base64url'),
  auditKey: randomBytes(32).toString('base64url'),
};
await writeFile(path.join(dataDir, 'config.json'), JSON.stringify(config), { mode: 0o600 });

let app: ChaosApp = await startApp({ root, dataDir, port });
const logs: string[] = [];
Object.assign(process.env, {
  DATABASE_URL: embeddedDatabaseUrl(dataDir),
  AUTH_SECRET: config.authSecret,
  MINIFLOW_AUDIT_KEY: config.auditKey,
  MINIFLOW_LOG_LEVEL: 'silent',
});
const { db } = await import('../src/server/db');
const { createWorkflow } = await import('../src/server/services/workflows/create-workflow');
const { saveDraft } = await import('../src/server/services/workflows/save-draft');
const { publishWorkflow } = await import('../src/server/services/workflows/publish-workflow');

const owner = await db.user.findFirstOrThrow({ where: { email: 'chaos@miniflow.local' } });
const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: 'default' } });
const actor = { userId: owner.id, workspaceId: workspace.id, role: 'owner' as const };
async function publish(name: string, nodes: object[], edges: object[]): Promise<string> {
  const wf = await createWorkflow(db, actor, { name });
  await saveDraft(db, actor, {
    id: wf.id,
    definition: { schemaVersion: 1, name, nodes, edges },
    revision: 0,
  });
  await publishWorkflow(db, actor, { id: wf.id, message: '' });
  return wf.id;
}
// Acknowledged at once (202 with the run id); the code step runs on the worker.
const hookWorkflow = await publish(
  'Chaos webhook',
  [
    { id: 'hook', type: 'webhook', params: { path: 'chaos', responseMode: 'immediate' } },
    { id: 'work', type: 'code', params: { code: 'return { n: input.body.n };' } },
  ],
  [{ from: 'hook', to: 'work' }],
);
// Each run's code step returns about 900 KB (under the 1 MB step output limit).
const bigWorkflow = await publish(
  'Chaos big outputs',
  [
    { id: 'hook', type: 'webhook', params: { path: 'chaos-big', responseMode: 'immediate' } },
    {
      id: 'big',
      type: 'code',
      params: { code: "return { n: input.body.n, blob: 'x'.repeat(900000) };" },
    },
  ],
  [{ from: 'hook', to: 'big' }],
);
const cronWorkflow = await publish(
  'Chaos cron',
  [
    {
      id: 'tick',
      type: 'cron',
      params: { expression: '* * * * * *', overlap: 'allow', catchUp: 'all' },
    },
  ],
  [],
);
const cronStarted = new Date();

// Webhook load: each request has its own Idempotency-Key; 202 is an acknowledgement.
const acknowledged = new Map<number, string>();
const outcome = { refused: 0, unavailable: 0, retryAfter: 0, other: 0 };
let nextRequest = 0;
let loading = true;
async function lane() {
  while (loading) {
    const n = nextRequest++;
    try {
      const res = await fetch(`${base}/api/hooks/default/chaos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `chaos-${n}` },
        body: JSON.stringify({ n }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status === 202) acknowledged.set(n, ((await res.json()) as { runId: string }).runId);
      else if (res.status === 503) {
        outcome.unavailable += 1;
        if (res.headers.get('retry-after')) outcome.retryAfter += 1;
        await res.body?.cancel();
      } else {
        outcome.other += 1;
        await res.body?.cancel();
      }
    } catch {
      outcome.refused += 1;
      await sleep(50);
    }
  }
}
const lanes = Array.from({ length: 16 }, lane);

async function waitReady(timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const res = await fetch(`${base}/api/health/ready`).catch(() => undefined);
    if (res?.status === 200) return Date.now() - started;
    await sleep(100);
  }
  throw new Error('MiniFlow did not become ready again');
}

for (let i = 1; i <= 3; i++) {
  await sleep(3_000);
  say(`SIGKILL of the server (${i} of 3) at ${new Date().toISOString().slice(11, 19)}`);
  logs.push(app.output());
  app.proc.kill('SIGKILL');
  await sleep(500);
  app = await startApp({ root, dataDir, port });
  say(
    `  back at ${new Date().toISOString().slice(11, 19)}; ${acknowledged.size} acknowledged so far`,
  );
}

const outages: { downMs: number; unavailable: number; unreachableLines: number }[] = [];
for (let i = 1; i <= 2; i++) {
  await sleep(3_000);
  say(`SIGKILL of the embedded PostgreSQL (${i} of 2)`);
  const before = { text: app.output().length, unavailable: outcome.unavailable };
  process.kill(postmaster(dataDir).pid, 'SIGKILL');
  await sleep(200);
  const downMs = (await waitReady()) + 200;
  await sleep(2_000);
  const during = app.output().slice(before.text);
  outages.push({
    downMs,
    unavailable: outcome.unavailable - before.unavailable,
    unreachableLines: (during.match(/The database is unreachable/g) ?? []).length,
  });
  say(`  ready again after ${downMs} ms`);
}

say('200 clients that hang up after 5 ms');
await Promise.allSettled(
  Array.from({ length: 200 }, (_, i) =>
    fetch(`${base}/api/hooks/default/chaos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `hangup-${i}` },
      body: JSON.stringify({ n: -1 - i }),
      signal: AbortSignal.timeout(5),
    }),
  ),
);

say('200 steps with 900 KB outputs');
const bigAcknowledged = new Set<string>();
let nextBig = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (nextBig < 200) {
      const n = nextBig++;
      const res = await fetch(`${base}/api/hooks/default/chaos-big`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `big-${n}` },
        body: JSON.stringify({ n }),
        signal: AbortSignal.timeout(10_000),
      }).catch(() => undefined);
      if (res?.status === 202) bigAcknowledged.add(((await res.json()) as { runId: string }).runId);
      else await res?.body?.cancel();
    }
  }),
);

await sleep(3_000);
loading = false;
await Promise.all(lanes);
const cronStopped = new Date();
await db.schedule.updateMany({ where: { workflowId: cronWorkflow }, data: { paused: true } });

// Every acknowledged run must exist and finish; give the worker time to drain.
const deadline = Date.now() + 60_000;
let unfinished = Infinity;
while (Date.now() < deadline && unfinished > 0) {
  unfinished = await db.run.count({
    where: { workflowId: hookWorkflow, status: { notIn: [...FINAL] } },
  });
  if (unfinished > 0) await sleep(500);
}
while (Date.now() < deadline) {
  const left = await db.run.count({
    where: { workflowId: bigWorkflow, status: { notIn: [...FINAL] } },
  });
  if (left === 0) break;
  await sleep(500);
}
const bigRuns = await db.run.findMany({
  where: { workflowId: bigWorkflow },
  select: { id: true, status: true, input: true },
});
const bigRecorded = bigRuns.filter((r) => bigAcknowledged.has(r.id));
const bigPerRequest = new Set(bigRuns.map((r) => (r.input as { body?: { n?: number } }).body?.n));
const runs = await db.run.findMany({
  where: { workflowId: hookWorkflow },
  select: { id: true, status: true, input: true },
});
const byId = new Map(runs.map((r) => [r.id, r]));
const recorded = [...acknowledged.values()].filter((id) => byId.has(id)).length;
const perRequest = new Map<number, number>();
for (const run of runs) {
  const n = (run.input as { body?: { n?: number } }).body?.n;
  if (typeof n === 'number') perRequest.set(n, (perRequest.get(n) ?? 0) + 1);
}
const duplicated = [...perRequest.values()].reduce((sum, c) => sum + Math.max(0, c - 1), 0);
const stuck = runs.filter((r) => !(FINAL as readonly string[]).includes(r.status)).length;

// Cron: each second between start and stop fired exactly once.
const fires = await db.scheduleFire.findMany({
  where: { schedule: { workflowId: cronWorkflow } },
  select: { fireAt: true },
});
const fired = new Set(fires.map((f) => Math.floor(f.fireAt.getTime() / 1000)));
const firstSecond = Math.ceil(cronStarted.getTime() / 1000) + 2;
const lastSecond = Math.floor(cronStopped.getTime() / 1000) - 2;
const missedSeconds: number[] = [];
for (let s = firstSecond; s <= lastSecond; s++) if (!fired.has(s)) missedSeconds.push(s);
const cronMissed = missedSeconds.length;

logs.push(app.output());
const results = {
  acknowledged: acknowledged.size,
  recorded,
  lost: acknowledged.size - recorded,
  duplicated,
  stuck,
  refusedConnections: outcome.refused,
  answered503: outcome.unavailable,
  answered503WithRetryAfter: outcome.retryAfter,
  otherAnswers: outcome.other,
  cronSecondsFired: fired.size,
  cronSecondsMissed: cronMissed,
  cronFiredTwice: fires.length - fired.size,
  bigOutputAcknowledged: bigAcknowledged.size,
  bigOutputRecorded: bigRecorded.length,
  bigOutputLost: bigAcknowledged.size - bigRecorded.length,
  bigOutputDuplicated: bigRuns.length - bigPerRequest.size,
  bigOutputSucceeded: bigRecorded.filter((r) => r.status === 'succeeded').length,
  bigOutputStuck: bigRuns.filter((r) => !(FINAL as readonly string[]).includes(r.status)).length,
  errorLogLines: logs.reduce((sum, text) => sum + errorLines(text).length, 0),
};
console.log('\nOutcome');
for (const [key, value] of Object.entries(results)) console.log(`  ${key.padEnd(28)} ${value}`);
if (missedSeconds.length > 0) {
  const at = (s: number) => new Date(s * 1000).toISOString().slice(11, 19);
  console.log(`  cron seconds missed: ${missedSeconds.map(at).join(', ')}`);
  console.log(`  (cron ran from ${at(firstSecond)} to ${at(lastSecond)})`);
}
const errorMessages = new Map<string, number>();
for (const line of logs.flatMap(errorLines)) {
  const msg = /"msg":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 120);
  errorMessages.set(msg, (errorMessages.get(msg) ?? 0) + 1);
}
for (const [msg, count] of errorMessages) console.log(`  error lines "${msg}": ${count}`);
console.log('\nPostgreSQL outages (killed, restarted by npm start)');
for (const [i, o] of outages.entries()) {
  console.log(
    `  #${i + 1}: ready again after ${o.downMs} ms; ${o.unavailable} requests answered 503; ` +
      `"database is unreachable" logged ${o.unreachableLines} time(s)`,
  );
}

await db.$disconnect();
app.proc.kill('SIGTERM');
await new Promise((r) => app.proc.once('exit', r));
await rm(dataDir, { recursive: true, force: true });
const ok =
  results.lost === 0 &&
  results.duplicated === 0 &&
  results.stuck === 0 &&
  results.bigOutputLost === 0 &&
  results.bigOutputDuplicated === 0 &&
  results.bigOutputStuck === 0;
console.log(ok ? '\nNothing lost, duplicated or stuck.' : '\nFAILED: see the counts above.');
process.exit(ok && results.cronFiredTwice === 0 ? 0 : 1);
