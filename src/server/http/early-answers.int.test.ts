import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '../auth/client-address';
import { SIGN_IN_GATE, SIGN_IN_PATH, signInGate } from '../auth/sign-in-gate';
import { answerEarly } from './early-answers';

let server: Server;
let base: string;
let appSaw: string[];

beforeAll(async () => {
  appSaw = [];
  server = createServer((req, res) => {
    if (answerEarly(req, res, 'request-1')) return;
    appSaw.push(`${req.method} ${req.url}`);
    res.end('app');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('answers before the app', () => {
  it('serves the three health endpoints itself, and leaves other paths to the app', async () => {
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } });
    expect(await (await fetch(`${base}/api/health/live`)).json()).toMatchObject({
      status: 'live',
    });
    const ready = await fetch(`${base}/api/health/ready`);
    expect(await ready.json()).toMatchObject({ database: 'up' });
    expect(appSaw).toEqual([]);
    expect(await (await fetch(`${base}/api/healthz`)).text()).toBe('app');
    expect(appSaw).toEqual(['GET /api/healthz']);
  });

  it('refuses a sign-in from an address already refused, and passes the others to the app', async () => {
    const address = '203.0.113.70';
    const post = (from: string) =>
      fetch(`${base}${SIGN_IN_PATH}`, {
        method: 'POST',
        headers: { [CLIENT_ADDRESS_HEADER]: from },
        body: 'email=a%40b.c',
      });
    appSaw = [];
    expect(await (await post(address)).text()).toBe('app');
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: address });
    for (let i = 0; i <= SIGN_IN_GATE.burst; i++) await signInGate(headers);
    const refused = await post(address);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await (await post('203.0.113.71')).text()).toBe('app');
    expect(appSaw).toEqual([`POST ${SIGN_IN_PATH}`, `POST ${SIGN_IN_PATH}`]);
  });
});
