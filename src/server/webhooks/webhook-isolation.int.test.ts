import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { edge, node, ownerActor, publish } from '@/test/runtime-fixtures';
import { handleWebhook } from './handle-webhook';
import { serveNodeWebhook } from './serve-node-webhook';

/**
 * A respond step is content authored by a workflow, served from the app's origin: it must
 * not run script there, be sniffed into another type, or set a cookie on it, whichever
 * server answers (the Node fast path of `npm start` or the Next route).
 */
let server: Server;
let base: string;
let slug: string;

beforeAll(async () => {
  const actor = await ownerActor();
  slug = (await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } })).slug;
  await publish(actor, {
    name: 'Page',
    nodes: [
      node('hook', 'webhook', { path: 'page', method: 'GET' }),
      node('respond', 'respond', {
        status: 200,
        headers: {
          'content-type': 'text/html',
          'set-cookie': 'authjs.session-token=planted; Path=/',
          'content-security-policy': "default-src * 'unsafe-inline'",
          'x-content-type-options': 'sniff-away',
          'x-kept': 'yes',
        },
        body: '<script>document.title = document.cookie</script>',
      }),
    ],
    edges: [edge('hook', 'respond')],
  });
  server = createServer((req, res) => void serveNodeWebhook(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await closeRunListener();
});

function expectIsolated(headers: Headers) {
  expect(headers.get('content-security-policy')).toBe('sandbox');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.getSetCookie()).toEqual([]);
}

describe('webhook responses', () => {
  it('sandbox what a respond step serves and drop the cookies it sets (Node server)', async () => {
    const res = await fetch(`${base}/api/hooks/${slug}/page`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('x-kept')).toBe('yes');
    expectIsolated(res.headers);
    expect(await res.text()).toContain('<script>');
  });

  it('do the same through the framework-free handler the Next route uses', async () => {
    const res = await handleWebhook(new Request(`http://localhost/api/hooks/${slug}/page`));
    expect(res.status).toBe(200);
    expectIsolated(res.headers);
  });

  it('carry the same headers on errors', async () => {
    const missing = await fetch(`${base}/api/hooks/${slug}/nothing-here`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expectIsolated(missing.headers);
  });
});
