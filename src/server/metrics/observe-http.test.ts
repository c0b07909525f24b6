import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentLogContext } from '../logging/log-context';
import { metrics } from './metrics';
import { observeRequest } from './observe-http';

const routes = [{ route: '/items/[id]', regex: /^\/items\/[^/]+\/?$/ }];
const seen: (string | undefined)[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) =>
    observeRequest(
      req,
      res,
      routes,
      () => {
        void (async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          seen.push(currentLogContext().requestId);
          res.statusCode = req.url === '/missing' ? 404 : 200;
          if (req.url === '/stream') res.setHeader('content-type', 'text/event-stream');
          res.end('ok');
        })();
      },
      (requestId) => {
        if (req.url !== '/items/early') return false;
        // An early answer is given no header beforehand: it writes the id itself.
        res.writeHead(429, [
          'x-early',
          String(res.hasHeader('x-request-id')),
          'x-request-id',
          requestId,
        ]);
        res.end();
        return true;
      },
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function counted(labels: Record<string, string>) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const { values } = await metrics().httpRequests.get();
  const found = values.find((v) =>
    Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l),
  );
  return found?.value ?? 0;
}

describe('observeRequest', () => {
  it('keeps a sane caller request id, echoes it and logs the request under it', async () => {
    const res = await fetch(`${base}/items/42`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(seen.at(-1)).toBe('abc-123');
  });

  it('replaces a missing or unsafe request id with a new one', async () => {
    const res = await fetch(`${base}/items/42`, { headers: { 'x-request-id': 'a b\tc' } });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.at(-1)).toBe(id);
  });

  it('lets an early answer take the request and write the id with its own headers', async () => {
    const res = await fetch(`${base}/items/early`, { headers: { 'x-request-id': 'early-1' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('x-early')).toBe('false');
    expect(res.headers.get('x-request-id')).toBe('early-1');
    expect(await counted({ route: '/items/[id]', method: 'GET', status: '429' })).toBe(1);
  });

  it('counts requests by route pattern, method and status', async () => {
    await fetch(`${base}/items/7`, { method: 'DELETE' });
    expect(await counted({ route: '/items/[id]', method: 'DELETE', status: '200' })).toBe(1);
    await fetch(`${base}/missing`, { method: 'PROPFIND' });
    expect(await counted({ route: 'other', method: 'OTHER', status: '404' })).toBe(1);
  });

  it('counts event streams without timing them as requests', async () => {
    const timed = async () => (await metrics().httpDuration.get()).values.length;
    const before = await timed();
    await fetch(`${base}/stream`);
    expect(await counted({ route: 'other', method: 'GET', status: '200' })).toBe(1);
    expect(await timed()).toBe(before);
  });
});
