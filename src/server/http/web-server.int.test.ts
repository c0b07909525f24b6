import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebServer, type WebServerLimits } from './web-server';

const LIMITS: WebServerLimits = {
  headersTimeoutMs: 600,
  requestTimeoutMs: 5_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 100,
};

let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function start(limits: Partial<WebServerLimits> = {}): Promise<string> {
  server = createWebServer({ ...LIMITS, ...limits }, (_req, res) => res.end('served'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function open(url: string): Promise<Socket> {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  await once(socket, 'connect');
  return socket;
}

/** Everything the server sends until it closes the connection. */
function received(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve) => socket.once('close', () => resolve(text)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the web server', () => {
  it('cuts off a client sending its headers byte by byte while serving another', async () => {
    const url = await start();
    const slow = await open(url);
    const answer = received(slow);
    const started = Date.now();
    const headers = 'GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: ' + 'a'.repeat(200);
    let closed = false;
    void answer.then(() => (closed = true));
    const drip = (async () => {
      for (const byte of headers) {
        if (closed) return;
        slow.write(byte);
        await sleep(20);
      }
    })();

    await sleep(150);
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('served');
    expect(Date.now() - started).toBeLessThan(500);

    expect(await answer).toMatch(/^HTTP\/1\.1 408 /);
    const cutAfter = Date.now() - started;
    expect(cutAfter).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
    expect(cutAfter).toBeLessThan(LIMITS.headersTimeoutMs + 1_000);
    await drip;
  });

  it('answers 503 with Retry-After past its connection limit, and serves again once one closes', async () => {
    const url = await start({ maxConnections: 2 });
    const first = await open(url);
    await open(url);
    await sleep(50);
    const third = await open(url);
    const answer = received(third);
    third.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const refusal = await answer;
    expect(refusal).toMatch(/^HTTP\/1\.1 503 /);
    expect(refusal).toMatch(/retry-after: 1/i);
    expect(refusal).toContain('limit of 2 connections (MINIFLOW_HTTP_MAX_CONNECTIONS)');

    first.destroy();
    await sleep(50);
    const served = await fetch(url, { headers: { connection: 'close' } });
    expect(await served.text()).toBe('served');
  });

  it('closes a refused connection that sends nothing long before the header timeout', async () => {
    const url = await start({ maxConnections: 1, headersTimeoutMs: 5_000 });
    await open(url);
    await sleep(50);
    const silent = await open(url);
    const started = Date.now();
    expect(await received(silent)).toBe('');
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
