import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRunListener } from '@/server/events/run-listener';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { serveNodeMetrics } from './serve-node-metrics';

/**
 * Who may scrape `/api/metrics` as `npm start` serves it: without a token, a client on this
 * machine (never through a proxy), and no workflow id reaches it; with a token, its holder
 * from anywhere, workflow series included.
 */
const TOKEN = 'metrics-access-token-0123456789';
const OTHER_INTERFACE = '192.0.2.2';

let open: Server;
let proxied: Server;
let guarded: Server;
let workflowId: string;

async function listen(token: string | undefined, trustedProxies = 0): Promise<Server> {
  const server = createServer((req, res) => serveNodeMetrics(req, res, token, trustedProxies));
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return server;
}

const url = (server: Server, host = '127.0.0.1') =>
  `http://${host}:${(server.address() as AddressInfo).port}/api/metrics`;

beforeAll(async () => {
  const actor = await ownerActor();
  ({ workflowId } = await publish(actor, {
    name: 'Counted',
    nodes: [node('start', 'manual'), node('done', 'set', { values: { a: 1 } })],
    edges: [edge('start', 'done')],
  }));
  await startRun(actor, workflowId);
  open = await listen(undefined);
  proxied = await listen(undefined, 1);
  guarded = await listen(TOKEN);
});

afterAll(async () => {
  await Promise.all([open, proxied, guarded].map((s) => new Promise((r) => s.close(r))));
  await closeRunListener();
});

describe('/api/metrics without MINIFLOW_METRICS_TOKEN', () => {
  it('answers a loopback client with the installation figures and no workflow id', async () => {
    const res = await fetch(url(open));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/miniflow_runs_started_total\{trigger="manual"\} [1-9]/);
    expect(text).not.toContain(workflowId);
    expect(text).not.toContain('workflow_id');
  });

  it('refuses loopback too behind a trusted proxy, which may forward without headers', async () => {
    const res = await fetch(url(proxied));
    expect(res.status).toBe(403);
  });

  it('refuses a request a proxy forwarded, even from loopback', async () => {
    const res = await fetch(url(open), { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('miniflow_');
  });

  it('refuses a client that is not on loopback', async () => {
    const res = await fetch(url(open, OTHER_INTERFACE));
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/loopback clients only/);
  });
});

describe('/api/metrics with MINIFLOW_METRICS_TOKEN', () => {
  it('needs the token, from loopback too, and then shows the workflow series', async () => {
    expect((await fetch(url(guarded))).status).toBe(401);
    const res = await fetch(url(guarded, OTHER_INTERFACE), {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(
      `miniflow_workflow_runs_started_total{workflow_id="${workflowId}",trigger="manual"} 1`,
    );
  });
});
