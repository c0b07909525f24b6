import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import parsePrometheusTextFormat, {
  type PrometheusFamily,
  type PrometheusSample,
} from 'parse-prometheus-text-format';
import type { Histogram } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/metrics/route';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import type { Actor } from '@/server/services/actor';
import { serveNodeWebhook } from '@/server/webhooks/serve-node-webhook';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';
import { metrics } from './metrics';
import { observeRequest } from './observe-http';
import { routePatterns } from './route-patterns';

// Set before the environment is first read (it is read once per process).
const TOKEN = vi.hoisted(() => {
  const token = 'metrics-test-token-0123456789';
  process.env.MINIFLOW_METRICS_TOKEN = token;
  return token;
});

let server: Server;
let base: string;
let slug: string;
let actor: Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  actor = await ownerActor();
  slug = (await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } })).slug;
  const manual = async (name: string, step: ReturnType<typeof node>) =>
    (
      await publish(actor, {
        name,
        nodes: [node('start', 'manual'), step],
        edges: [edge('start', step.id)],
      })
    ).workflowId;
  ids.pure = await manual('Pure', node('total', 'set', { values: { a: 1 } }));
  ids.failing = await manual('Failing', node('stop', 'fail', { message: 'no' }));
  ids.code = await manual('Code', node('calc', 'code', { code: 'return 2;' }));
  ids.hook = (
    await publish(actor, {
      name: 'Hook',
      nodes: [node('hook', 'webhook', { path: 'metrics/hook' }), node('ok', 'noop')],
      edges: [edge('hook', 'ok')],
    })
  ).workflowId;

  const routes = routePatterns(path.resolve(import.meta.dirname, '../../app'));
  server = createServer((req, res) =>
    observeRequest(req, res, routes, () => void serveNodeWebhook(req, res)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await closeRunListener();
});

async function scrapeMetrics(): Promise<Map<string, PrometheusFamily>> {
  metrics().refreshCluster();
  const res = await GET(
    new Request('http://localhost/api/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }),
  );
  expect(res.status).toBe(200);
  const families = parsePrometheusTextFormat(await res.text());
  return new Map(families.map((family) => [family.name, family]));
}

function sample(
  families: Map<string, PrometheusFamily>,
  name: string,
  labels: Record<string, string>,
): PrometheusSample | undefined {
  return families
    .get(name)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
}

const value = (
  families: Map<string, PrometheusFamily>,
  name: string,
  labels: Record<string, string> = {},
) => Number(sample(families, name, labels)?.value ?? NaN);

describe('GET /api/metrics', () => {
  it('refuses a scrape without the bearer token or with a wrong one', async () => {
    const missing = await GET(new Request('http://localhost/api/metrics'));
    expect(missing.status).toBe(401);
    expect(await missing.text()).not.toContain('miniflow_');
    const wrong = await GET(
      new Request('http://localhost/api/metrics', {
        headers: { authorization: `Bearer ${TOKEN.slice(1)}` },
      }),
    );
    expect(wrong.status).toBe(401);
  });

  it('reports runs, steps, webhooks, HTTP requests, the queue and the workers', async () => {
    expect((await startRun(actor, ids.pure!)).status).toBe('succeeded');
    expect((await startRun(actor, ids.failing!)).status).toBe('failed');
    const codeRun = await startRun(actor, ids.code!);

    // No worker yet: the code step waits in the queue.
    const queued = await scrapeMetrics();
    expect(queued.get('miniflow_queue_jobs')?.type).toBe('GAUGE');
    expect(value(queued, 'miniflow_queue_jobs', { task: 'mf_step', state: 'ready' })).toBe(1);
    expect(value(queued, 'miniflow_queue_oldest_ready_job_age_seconds')).toBeGreaterThanOrEqual(0);

    const workers = await withWorker(async () => {
      await waitForRun(codeRun.runId);
      return scrapeMetrics();
    });
    expect(value(workers, 'miniflow_workers')).toBe(1);
    expect(value(workers, 'miniflow_worker_slots')).toBe(4);
    expect(sample(workers, 'miniflow_queue_jobs', { task: 'mf_step', state: 'ready' })).toBe(
      undefined,
    );

    const hook = await fetch(`${base}/api/hooks/${slug}/metrics/hook`, {
      method: 'POST',
      headers: { 'x-request-id': 'caller-id-1', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(hook.status).toBe(200);
    expect(hook.headers.get('x-request-id')).toBe('caller-id-1');
    const unknown = await fetch(`${base}/api/hooks/${slug}/nope`, {
      method: 'POST',
      headers: { 'x-request-id': 'not a sane id' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Counted when the server sees the connection close, just after the client's answer.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const all = await scrapeMetrics();
    expect(value(all, 'miniflow_runs_started_total', { trigger: 'manual' })).toBe(3);
    expect(value(all, 'miniflow_runs_finished_total', { status: 'failed' })).toBe(1);
    const started = (workflow_id: string, trigger: string) =>
      value(all, 'miniflow_workflow_runs_started_total', { workflow_id, trigger });
    expect(started(ids.pure!, 'manual')).toBe(1);
    expect(started(ids.code!, 'manual')).toBe(1);
    expect(started(ids.hook!, 'webhook')).toBe(1);
    const finished = (workflow_id: string, status: string) =>
      value(all, 'miniflow_workflow_runs_finished_total', { workflow_id, status });
    expect(finished(ids.pure!, 'succeeded')).toBe(1);
    expect(finished(ids.failing!, 'failed')).toBe(1);
    expect(finished(ids.code!, 'succeeded')).toBe(1);
    expect(finished(ids.hook!, 'succeeded')).toBe(1);

    // The parser folds the series of a labelled histogram into one (a limitation of
    // parse-prometheus-text-format): their labels are read from the registry itself.
    expect(all.get('miniflow_step_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(all.get('miniflow_webhook_request_duration_seconds')?.type).toBe('HISTOGRAM');
    const m = metrics();
    expect(await observations(m.stepDuration, { type: 'set', outcome: 'succeeded' })).toBe(1);
    expect(await observations(m.stepDuration, { type: 'fail', outcome: 'failed' })).toBe(1);
    expect(await observations(m.stepDuration, { type: 'code', outcome: 'succeeded' })).toBe(1);
    expect(await observations(m.stepDuration, { type: 'noop', outcome: 'succeeded' })).toBe(1);
    expect(await observations(m.webhookDuration, { status: '200' })).toBe(1);
    expect(await observations(m.webhookDuration, { status: '404' })).toBe(1);
    const hookRoute = '/api/hooks/[workspace]/[...path]';
    expect(
      value(all, 'miniflow_http_requests_total', {
        route: hookRoute,
        method: 'POST',
        status: '200',
      }),
    ).toBe(1);
    expect(
      value(all, 'miniflow_http_requests_total', {
        route: hookRoute,
        method: 'POST',
        status: '404',
      }),
    ).toBe(1);
    // Bounded labels: no workspace slug or path from the URL.
    const routes = all.get('miniflow_http_requests_total')!.metrics.map((m) => m.labels?.route);
    expect(routes.every((route) => !route?.includes(slug))).toBe(true);

    expect(value(all, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(all.has('nodejs_heap_size_used_bytes')).toBe(true);
  });
});

/** How many observations a histogram holds for exactly these labels. */
async function observations(histogram: Histogram, labels: Record<string, string>) {
  const { values } = await histogram.get();
  const count = values.find(
    (v) =>
      v.metricName?.endsWith('_count') &&
      Object.keys(labels).length === Object.keys(v.labels).length &&
      Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return count?.value ?? 0;
}
