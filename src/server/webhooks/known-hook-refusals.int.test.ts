import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { answerEarly } from '@/server/http/early-answers';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';
import { HOOKS_PREFIX, serveNodeWebhook } from './serve-node-webhook';

let server: Server;
let base: string;
let appSaw: number;

beforeAll(async () => {
  appSaw = 0;
  server = createServer((req, res) => {
    if (answerEarly(req, res, 'request-1')) return;
    appSaw += 1;
    if (req.url?.startsWith(HOOKS_PREFIX)) void serveNodeWebhook(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await closeRunListener();
});

// Everything but the connection's own headers, the seconds counted down since the first and
// the request id (echoed by the early answer; this test server does not observe requests).
const VARYING = [
  'date',
  'connection',
  'keep-alive',
  'retry-after',
  'ratelimit-reset',
  'x-request-id',
];
const comparable = async (response: Response) => ({
  status: response.status,
  headers: [...response.headers].filter(([name]) => !VARYING.includes(name)),
  body: await response.text(),
});

describe('known webhook refusals', () => {
  it('are answered before the app, exactly as the app answers them, until the bucket allows again', async () => {
    const actor = await ownerActor();
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
    await publish(actor, {
      name: 'Early refusal',
      nodes: [node('hook', 'webhook', { path: 'early', rateLimit: { perSecond: 0.01, burst: 1 } })],
      edges: [],
    });
    const url = `${base}/api/hooks/${ws.slug}/early`;
    const post = () => fetch(url, { method: 'POST', body: '{}' });

    expect((await post()).status).toBe(200);
    const byApp = await post();
    expect(appSaw).toBe(2);
    const early = await post();
    const again = await post();
    expect(appSaw).toBe(2);

    const expected = await comparable(byApp);
    expect(expected.status).toBe(429);
    expect(Object.fromEntries(expected.headers)).toMatchObject({
      'ratelimit-limit': '1',
      'ratelimit-remaining': '0',
      'content-security-policy': 'sandbox',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(await comparable(early)).toEqual(expected);
    expect(await comparable(again)).toEqual(expected);
    for (const name of ['retry-after', 'ratelimit-reset'])
      expect(early.headers.has(name)).toBe(true);
    expect(early.headers.get('x-request-id')).toBe('request-1');
    expect(again.headers.get('x-request-id')).toBe('request-1');
    const retry = (r: Response) => Number(r.headers.get('retry-after'));
    expect(Math.abs(retry(early) - retry(byApp))).toBeLessThanOrEqual(1);

    // The answer's headers are kept between refusals, but never past the seconds they give.
    await new Promise((r) => setTimeout(r, 1_100));
    const later = await post();
    expect(await comparable(later)).toEqual(expected);
    expect(retry(later)).toBeLessThan(retry(again));
    const reset = (r: Response) => Number(r.headers.get('ratelimit-reset'));
    expect(reset(later)).toBeLessThan(reset(again));

    // Another method on the same path is the app's to answer.
    await fetch(url, { method: 'GET' });
    expect(appSaw).toBe(3);
  });
});
