import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../bench/lib/sign-in';
import { hashPassword } from '../src/server/auth/password';
import { db } from '../src/server/db';
import { freePort } from '../src/server/db/embedded-postgres';
import { readSse } from '../src/test/read-sse';
import { edge, node, publish } from '../src/test/runtime-fixtures';
import { waitUntil } from '../src/test/runtime-waits';
import { buildIsStale, runNextBuild } from './lib/ensure-build';

const root = path.resolve(import.meta.dirname, '..');
const EMAIL = 'owner@scale.test';
const PASSWORD = 'scale-out-password';

interface WebProcess {
  port: number;
  base: string;
  proc: ChildProcess;
  output: () => string;
}

let dataDir: string;
const children = new Set<ChildProcess>();
let proxy: Server;
let proxyBase: string;
/** Where the proxy sends requests, in turn; a process that refuses is skipped. */
const backends: WebProcess[] = [];
/** Why the proxy had to send a request to another backend (error codes, in order). */
const failovers: string[] = [];

function spawnLogged(args: string[], env: Record<string, string>) {
  let output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, MINIFLOW_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  proc.once('exit', () => children.delete(proc));
  return { proc, output: () => output };
}

/** `npm start` running the web part only, against the test's database. */
async function startWeb(name: string): Promise<WebProcess> {
  const port = await freePort();
  const { proc, output } = spawnLogged(['scripts/start.ts'], {
    PORT: String(port),
    MINIFLOW_WEB_ONLY: 'true',
    MINIFLOW_DATA_DIR: path.join(dataDir, name),
    MINIFLOW_SHUTDOWN_GRACE_MS: '20000',
    MINIFLOW_DRAIN_DELAY_MS: '1000',
  });
  await waitUntil(
    `web process ${name} to start`,
    () => {
      if (proc.exitCode !== null) throw new Error(`web ${name} exited:\n${output()}`);
      return output().includes('MiniFlow is ready at') || undefined;
    },
    90_000,
  );
  return { port, base: `http://localhost:${port}`, proc, output };
}

/** Backends whose readiness check answered 200 last time, polled like a load balancer does. */
const ready = new Set<WebProcess>();
/** Backends that answered 503: stopping, never sent anything again. */
const draining = new Set<WebProcess>();
let readinessTimer: NodeJS.Timeout | undefined;
function pollReadiness() {
  readinessTimer = setInterval(() => {
    for (const backend of backends) {
      fetch(`${backend.base}/api/health/ready`, { signal: AbortSignal.timeout(500) }).then(
        (res) => {
          if (res.ok) return ready.add(backend);
          ready.delete(backend);
          draining.add(backend);
        },
        () => ready.delete(backend),
      );
    }
  }, 100);
}

/**
 * A round-robin load balancer as small as it gets: each request goes to the next ready
 * backend; a backend that refuses the connection or drops it before answering is skipped
 * and the request goes to the next one (as nginx's `proxy_next_upstream error`). Requests
 * carry an Idempotency-Key, so sending one again cannot start a second run.
 */
function startProxy(): Promise<void> {
  let turn = 0;
  pollReadiness();
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const up = backends.filter((b) => b.proc.exitCode === null && b.proc.signalCode === null);
        // Checks that time out on a busy machine take a process out of rotation; when none
        // is known ready, any that is not stopping will do.
        const live = up.some((b) => ready.has(b))
          ? up.filter((b) => ready.has(b))
          : up.filter((b) => !draining.has(b));
        const target = live[turn++ % Math.max(1, live.length)];
        if (!target || tries > 4) {
          res.writeHead(502).end();
          return;
        }
        const upstream = request(
          // A connection per request: a refusal then always means "not accepted".
          {
            port: target.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
            agent: false,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          failovers.push(error.code ?? error.message);
          if (!res.headersSent) attempt(tries + 1);
          else res.destroy();
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
}

let slug: string;
let workspaceId: string;
let ownerId: string;

beforeAll(async () => {
  // Both web processes serve one build; make it once, before either starts.
  if (buildIsStale(root)) await runNextBuild(root);
  dataDir = await mkdtemp(path.join(tmpdir(), 'miniflow-scale-'));
  await chmod(dataDir, 0o755);

  const owner = await db.user.create({
    data: { email: EMAIL, name: 'Owner', passwordHash: await hashPassword(PASSWORD) },
  });
  const workspace = await db.workspace.create({ data: { slug: 'scale', name: 'Scale' } });
  slug = workspace.slug;
  workspaceId = workspace.id;
  ownerId = owner.id;
  await db.membership.create({
    data: { workspaceId: workspace.id, userId: owner.id, role: 'owner' },
  });
  const actor = { userId: owner.id, workspaceId: workspace.id, role: 'owner' as const };
  // The code step runs on the worker, so each webhook waits for another process.
  await publish(actor, {
    name: 'Load',
    nodes: [
      node('hook', 'webhook', { path: 'load' }),
      node('double', 'code', { code: 'return { n: input.body.n * 2 };' }),
    ],
    edges: [edge('hook', 'double')],
  });

  backends.push(await startWeb('a'), await startWeb('b'));
  spawnLogged(['bin/miniflow.mjs', 'worker', '--concurrency', '4'], {});
  // Two schedulers, as a spare would run: each tick still fires once.
  spawnLogged(['bin/miniflow.mjs', 'scheduler'], {});
  spawnLogged(['bin/miniflow.mjs', 'scheduler'], {});
  await startProxy();
  const address = proxy.address();
  proxyBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await waitUntil('both processes ready', () => backends.every((b) => ready.has(b)) || undefined);
}, 240_000);

afterAll(async () => {
  clearInterval(readinessTimer);
  proxy?.close();
  await Promise.all(
    [...children].map(async (child) => {
      const exit = once(child, 'exit');
      child.kill('SIGKILL');
      await exit;
    }),
  );
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('several web processes and a worker behind a load balancer', () => {
  it('keeps a session signed in through one process valid on the other', async () => {
    const [a, b] = backends as [WebProcess, WebProcess];
    const cookie = await signIn(a.base, EMAIL, PASSWORD);
    const session = await fetch(`${b.base}/api/auth/session`, { headers: { cookie } });
    expect(await session.json()).toMatchObject({ user: { email: EMAIL } });
    const page = await fetch(`${b.base}/w/${slug}/workflows`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(page.status).toBe(200);
  });

  it('fires a per-second cron schedule once a second from two scheduler processes', async () => {
    const actor = { userId: ownerId, workspaceId, role: 'owner' as const };
    const { workflowId } = await publish(actor, {
      name: 'Every second',
      nodes: [node('tick', 'cron', { expression: '* * * * * *' })],
      edges: [],
    });
    const schedule = await db.schedule.findFirstOrThrow({ where: { workflowId } });
    await waitUntil(
      'five ticks',
      async () => (await db.scheduleFire.count({ where: { scheduleId: schedule.id } })) >= 5,
      20_000,
    );
    await db.schedule.update({ where: { id: schedule.id }, data: { paused: true } });
    const fires = await db.scheduleFire.findMany({ where: { scheduleId: schedule.id } });
    const seconds = fires.map((f) => f.fireAt.getTime() / 1000).sort((a, b) => a - b);
    // One fire per second, none skipped between the first and the last.
    expect(seconds.at(-1)! - seconds[0]!).toBe(seconds.length - 1);
    const runs = await db.run.count({ where: { workflowId } });
    expect(runs).toBe(fires.filter((f) => f.runId !== null).length);
  }, 40_000);

  it('shows a run started through one process on a live view opened on the other', async () => {
    const [a, b] = backends as [WebProcess, WebProcess];
    const cookie = await signIn(b.base, EMAIL, PASSWORD);
    const abort = new AbortController();
    const params = new URLSearchParams({
      connectionParams: JSON.stringify({ workspace: slug }),
      input: JSON.stringify(superjson.serialize({})),
    });
    const stream = await fetch(`${a.base}/api/trpc/live.runs?${params}`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    const events = readSse(stream.body!)[Symbol.asyncIterator]();
    const next = async () => {
      for (;;) {
        const { value, done } = await events.next();
        if (done) throw new Error('The stream ended');
        if (value.event !== 'ping') return value;
      }
    };
    expect((await next()).event).toBe('connected');
    await next(); // resync

    const started = await fetch(`${b.base}/api/hooks/${slug}/load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ n: 21 }),
    });
    expect(started.status).toBe(200);
    expect(await started.json()).toEqual({ double: { n: 42 } });
    const runId = started.headers.get('x-miniflow-run-id');
    for (;;) {
      const event = await next();
      const notice = superjson.deserialize<{ runId?: string; status?: string }>(
        JSON.parse(event.data) as never,
      );
      if (notice.runId === runId && notice.status === 'succeeded') break;
    }
    abort.abort();
  }, 60_000);

  it('loses no accepted request when one web process drains (SIGTERM) or dies (SIGKILL) mid-load', async () => {
    const send = async (n: number) => {
      const res = await fetch(`${proxyBase}/api/hooks/${slug}/load`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `load-${n}` },
        body: JSON.stringify({ n }),
      });
      const text = await res.text();
      return { n, status: res.status, body: (res.ok ? JSON.parse(text) : text) as unknown };
    };
    const load = async (from: number, count: number, midway: () => void) => {
      const results: Awaited<ReturnType<typeof send>>[] = [];
      let next = from;
      const lane = async () => {
        while (next < from + count) {
          const n = next++;
          if (n === from + Math.floor(count / 3)) midway();
          results.push(await send(n));
        }
      };
      await Promise.all(Array.from({ length: 8 }, lane));
      return results;
    };

    // A graceful stop: ready turns false, requests in flight (waiting for the worker) finish.
    const [a] = backends as [WebProcess, WebProcess];
    const drained = once(a.proc, 'exit');
    const first = await load(0, 120, () => a.proc.kill('SIGTERM'));
    const [code] = (await drained) as [number | null];
    expect(code, a.output()).toBe(0);
    expect(a.output()).toContain('MiniFlow stopped.');
    // The draining process refused new connections and dropped no request it had taken.
    expect(failovers.filter((f) => f !== 'ECONNREFUSED')).toEqual([]);

    // Back to two, then one dies without warning.
    backends[0] = await startWeb('a2');
    await waitUntil('both processes ready', () => backends.every((b) => ready.has(b)) || undefined);
    const [, b] = backends as [WebProcess, WebProcess];
    const second = await load(120, 120, () => b.proc.kill('SIGKILL'));

    const results = [...first, ...second];
    const failed = results.filter((r) => r.status !== 200);
    expect(failed, failovers.join()).toEqual([]);
    for (const r of results) expect(r.body).toEqual({ double: { n: r.n * 2 } });
    // One run per accepted request, each finished: none lost, none twice.
    const runs = await db.run.findMany({
      where: { workspaceId, idempotencyKey: { startsWith: 'load-' } },
      select: { idempotencyKey: true, status: true },
    });
    expect(runs).toHaveLength(240);
    expect(new Set(runs.map((r) => r.idempotencyKey)).size).toBe(240);
    expect(runs.filter((r) => r.status !== 'succeeded')).toEqual([]);
  }, 120_000);
});
