import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { HOOKS_PREFIX, serveNodeWebhook } from '@/server/webhooks/serve-node-webhook';
import { edge, node, ownerActor, publish } from '@/test/runtime-fixtures';

/**
 * A hostile expression in a webhook-triggered workflow, through the real server path: the
 * Set step runs inline inside the webhook's own request, on the process that serves HTTP.
 */

let server: Server;
let base: string;
let slug: string;

beforeAll(async () => {
  const actor = await ownerActor();
  slug = (await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } })).slug;
  const hostile = (path: string, expression: string) =>
    publish(actor, {
      name: `Hostile ${path}`,
      nodes: [
        // The answer carries the run's error, so the test reads it as the caller would.
        node('hook', 'webhook', { path, errorDetails: true }),
        node('work', 'set', { values: { x: `{{ ${expression} }}` } }),
      ],
      edges: [edge('hook', 'work')],
    });
  await hostile('regex', "$match($pad('', 30, 'a') & '!', /(a+)+$/)");
  await hostile('pad', "$pad('', 200000000)");
  await hostile('fine', '$uppercase(input.body.name)');
  server = createServer((req, res) => {
    if (req.url === '/api/health') {
      res.end('ok');
    } else if (req.url?.startsWith(HOOKS_PREFIX)) {
      void serveNodeWebhook(req, res);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await closeRunListener();
});

const hook = (path: string, body: unknown = {}) =>
  fetch(`${base}${HOOKS_PREFIX}${slug}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Health requests every 20 ms until `work` settles: when each was sent, and how long it took. */
async function healthWhile<T>(work: Promise<T>) {
  const started = performance.now();
  let settled = false;
  const done = work.finally(() => (settled = true));
  const samples: { at: number; ms: number }[] = [];
  while (!settled) {
    const sent = performance.now();
    const res = await fetch(`${base}/api/health`);
    expect(await res.text()).toBe('ok');
    samples.push({ at: sent - started, ms: performance.now() - sent });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { result: await done, samples };
}

async function stepError(runId: string) {
  const step = await db.stepRun.findFirstOrThrow({ where: { runId, nodeId: 'work' } });
  return step.error as { message: string; retryable?: boolean };
}

describe('hostile expressions in a webhook-triggered Set step', () => {
  it('keep the server answering while a catastrophic regex runs, and fail at the time limit', async () => {
    // What is measured is the evaluation, not a first request's start-up (loading the
    // workflow, starting evaluator processes): warm up with the same workflow once.
    await (await hook('regex')).json();
    const started = performance.now();
    const { result: res, samples } = await healthWhile(hook('regex'));
    const elapsed = performance.now() - started;
    // The request's first moments are the webhook's own work (the run row, the definition);
    // after them the step is evaluating. A busy machine delays a request now and then; an
    // evaluation on the serving thread would delay every one sent during it, by up to the
    // whole evaluation.
    const evaluating = samples.filter((s) => s.at >= 250).map((s) => s.ms);
    expect(evaluating.length).toBeGreaterThan(10);
    const slow = evaluating.filter((ms) => ms >= 100);
    expect(slow.length).toBeLessThanOrEqual(evaluating.length * 0.05);
    expect(Math.max(...samples.map((s) => s.ms))).toBeLessThan(500);
    expect(elapsed).toBeLessThan(2_000);
    const body = (await res.json()) as { runId: string; error: { message: string } };
    expect(body.error.message).toMatch(/exceeded the 1000 ms time limit/);
    const error = await stepError(body.runId);
    expect(error.message).toMatch(/Expression ".*\(a\+\)\+\$\/\)" failed: exceeded the 1000 ms/);
    expect(error.retryable).toBe(false);
  });

  it('refuse a string past the length limit without taking the process down', async () => {
    const res = await hook('pad');
    const body = (await res.json()) as { runId: string; error: { message: string } };
    expect(body.error.message).toMatch(/\$pad\(\) exceeded the .*-character string length limit/);
    expect((await stepError(body.runId)).retryable).toBe(false);
  });

  it('serve the next webhook normally afterwards', async () => {
    const res = await hook('fine', { name: 'ada' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ work: { x: 'ADA' } });
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});
