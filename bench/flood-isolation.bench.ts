/**
 * Flood resistance against `npm start`'s server (external PostgreSQL mode, same machine).
 *
 * flood_isolation (`npm run bench -- flood`): workspace A's webhook (limit 50/s, burst 50) is flooded at ten times its
 * limit while workspace B's webhook takes an even 50 requests/s; B's p99 under the flood is compared
 * with its p99 alone (`flood_b_p99_ratio`, target ≤ 2), and A's excess must be refused
 * (429), not queued: A's stored runs equal its successful answers.
 * flood_refusal: 2,000 requests/s, evenly paced, at a webhook whose bucket is empty: p99 of
 * the 429s from each request's intended send time (target ≤ 5 ms).
 * flood_sign_in: 10,000 wrong passwords for the owner from one address, as fast as they go,
 * while /api/health is polled at an even 50/s (p99 target ≤ 100 ms); then the owner signs
 * in from another address.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type autocannon from 'autocannon';
import { hashPassword } from '../src/server/auth/password';
import { benchDatabase, round } from './lib/bench-db';
import { pacedLoad, type PacedLoadOptions, type PacedLoadResult } from './lib/paced-load';
import { publishDefinition } from './lib/publish';
import { signIn } from './lib/sign-in';
import { startBenchServer } from './lib/webhook-server';

// 800 requests of B's each time: its p99 is the 8th slowest, not the 4th.
const SECONDS = 16;
const LIMIT = 50;

type Bench = Awaited<ReturnType<typeof benchDatabase>>;

function hook(path: string, rateLimit?: { perSecond: number; burst: number }) {
  return {
    name: `Flood ${path}`,
    nodes: [
      {
        id: 'hook',
        type: 'webhook',
        params: { path, method: 'POST', ...(rateLimit ? { rateLimit } : {}) },
      },
      { id: 'shape', type: 'set', params: { values: { ok: true } } },
    ],
    edges: [{ from: 'hook', to: 'shape' }],
  };
}

async function secondWorkspace(bench: Bench) {
  const workspace = await bench.db.workspace.create({ data: { slug: 'bench-b', name: 'B' } });
  await bench.db.membership.create({
    data: { workspaceId: workspace.id, userId: bench.actor.userId, role: 'owner' },
  });
  return { ...bench, actor: { ...bench.actor, workspaceId: workspace.id } };
}

// B's normal traffic: an even 50/s (paced-load.ts), timed from each request's intended
// send time; `amount` exact, so every request is answered before the load returns.
const trafficB = (url: string, seconds: number): PacedLoadOptions => ({
  url,
  method: 'POST',
  rate: LIMIT,
  amount: LIMIT * seconds,
  connections: 5,
  body: '{}',
  headers: { 'content-type': 'application/json' },
});

/** Runs `command` and parses what it prints as JSON: a load generator in its own process. */
function jsonFromChild<T>(what: string, command: string, args: string[]): Promise<T> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`${what} exited ${code}`)),
    );
  });
}

/** A paced load (see paced-load.ts) from its own process, at the usual priority. */
function pacedFromChild(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const script = path.join(import.meta.dirname, 'lib', 'paced-load.ts');
  return jsonFromChild('paced load', process.execPath, [
    '--import',
    'tsx',
    script,
    JSON.stringify(options),
  ]);
}

/**
 * A flood from its own process: generated in this one, it would share the event loop of
 * the measured clients and show up as their latency. It runs at the lowest CPU priority
 * (`nice 19`): a real flood comes from other machines, and on a machine shared with the
 * server the generator would otherwise take the CPU the server defends with.
 */
function floodFromChild(
  url: string,
  options: {
    rate?: number;
    amount: number;
    connections?: number;
    body: string;
    headers: Record<string, string>;
  },
): Promise<autocannon.Result> {
  const bin = path.join(import.meta.dirname, '..', 'node_modules', '.bin', 'autocannon');
  const args = ['-j', '-n', '-m', 'POST', '-c', String(options.connections ?? 20)];
  args.push('-a', String(options.amount), '-b', options.body);
  if (options.rate) args.push('-R', String(options.rate));
  for (const [name, value] of Object.entries(options.headers)) args.push('-H', `${name}=${value}`);
  return jsonFromChild('autocannon', 'nice', ['-n', '19', bin, ...args, url]);
}

export async function run() {
  // Sign-in attempts carry X-Forwarded-For, as behind one proxy, so each can name its address.
  process.env.MINIFLOW_TRUSTED_PROXIES = '1';
  const bench = await benchDatabase();
  const other = await secondWorkspace(bench);
  const flooded = await publishDefinition(bench, hook('a', { perSecond: LIMIT, burst: LIMIT }));
  await publishDefinition(bench, hook('empty', { perSecond: 0.001, burst: 1 }));
  await publishDefinition(other, hook('b'));
  const password = 'bench-owner-password';
  await bench.db.user.update({
    where: { id: bench.actor.userId },
    data: { passwordHash: await hashPassword(password) },
  });
  const server = await startBenchServer(bench);
  const base = new URL(server.url).origin;
  const urlA = `${base}/api/hooks/bench/a`;
  const urlB = `${base}/api/hooks/bench-b/b`;
  try {
    await pacedFromChild(trafficB(urlB, 2));
    const alone = await pacedFromChild(trafficB(urlB, SECONDS));
    const [flood, shared] = await Promise.all([
      floodFromChild(urlA, {
        rate: LIMIT * 10,
        amount: LIMIT * 10 * SECONDS,
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
      pacedFromChild(trafficB(urlB, SECONDS)),
    ]);
    const runsA = await bench.db.run.count({ where: { workflowId: flooded } });
    const refused = flood.statusCodeStats?.['429']?.count ?? 0;

    const refusals = {
      url: `${base}/api/hooks/bench/empty`,
      method: 'POST',
      rate: 2_000,
      body: '{}',
      headers: { 'content-type': 'application/json' },
    };
    // A second of the same load first: it takes the bucket's one token and lets the
    // refusal's code be compiled, as it is on a server refusing for more than a moment.
    await pacedFromChild({ ...refusals, amount: 2_000 });
    const refusal = await pacedFromChild({ ...refusals, amount: 20_000 });

    // The routes answer once before they are measured: the first request of each loads its
    // code (a sign-in's first load holds the event loop for a tenth of a second), which a
    // server that has been up a while has long done.
    for (let i = 0; i < 5; i++) await fetch(`${base}/api/health`);
    await signIn(base, 'bench@example.com', 'wrong-password', {
      'x-forwarded-for': '10.2.2.2',
    }).catch(() => {});
    const csrf = await fetch(`${base}/api/auth/csrf`, {
      headers: { 'x-forwarded-for': '10.9.9.9' },
    });
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    // Polled at an even 50/s for exactly as long as the sign-in flood lasts.
    const health = pacedLoad({ url: `${base}/api/health`, rate: 50, connections: 2 });
    const signInFlood = await floodFromChild(`${base}/api/auth/callback/credentials`, {
      amount: 10_000,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': '10.9.9.9',
        cookie,
      },
      body: new URLSearchParams({
        csrfToken,
        email: 'bench@example.com',
        password: 'wrong-password',
        callbackUrl: base,
      }).toString(),
    });
    health.stop();
    const healthResult = await health.done;
    let ownerSignedIn = 0;
    try {
      await signIn(base, 'bench@example.com', password, { 'x-forwarded-for': '10.1.1.1' });
      ownerSignedIn = 1;
    } catch {
      ownerSignedIn = 0;
    }
    return {
      flood_b_p99_alone_ms: alone.latency.p99,
      flood_b_p99_flooded_ms: shared.latency.p99,
      flood_b_p99_ratio: round(shared.latency.p99 / Math.max(1, alone.latency.p99), 2),
      flood_b_non2xx: shared.answered - (shared.statuses['200'] ?? 0) + shared.errors,
      flood_a_sent: flood.requests.sent,
      flood_a_accepted: flood['2xx'],
      flood_a_refused_429: refused,
      flood_a_runs_stored: runsA,
      flood_refusal_rps: refusal.rps,
      flood_refusal_p50_ms: refusal.latency.p50,
      flood_refusal_p99_ms: refusal.latency.p99,
      flood_refusal_non429: refusal.answered - (refusal.statuses['429'] ?? 0) + refusal.errors,
      flood_sign_in_attempts: signInFlood.requests.sent,
      flood_sign_in_rps: round(signInFlood.requests.average, 0),
      flood_health_p50_ms: healthResult.latency.p50,
      flood_health_p99_ms: healthResult.latency.p99,
      flood_health_non2xx:
        healthResult.answered - (healthResult.statuses['200'] ?? 0) + healthResult.errors,
      flood_owner_signed_in_elsewhere: ownerSignedIn,
    };
  } finally {
    await server.stop();
    await bench.stop();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}
