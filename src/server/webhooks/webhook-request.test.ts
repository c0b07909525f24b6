import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BodyResult } from './read-body';
import { fromNodeRequest, type WebhookRequest } from './webhook-request';

let server: Server | undefined;
afterEach(() => server?.close());

/** A server that adapts each request, hands it to `inspect`, and answers with what it says. */
async function serve(inspect: (request: WebhookRequest) => Promise<object>) {
  server = createServer((req, res) => {
    void inspect(fromNodeRequest(req, res)).then((answer) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const describeBody = (body: BodyResult) =>
  body.ok ? { text: Buffer.from(body.bytes).toString('utf8') } : { refused: body.reason };

describe('fromNodeRequest', () => {
  it('reads the URL, method, headers and body as a fetch Request would give them', async () => {
    const url = await serve(async (request) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name] = value));
      return {
        url: request.url,
        method: request.method,
        type: request.headers.get('Content-Type'),
        missing: request.headers.get('x-missing'),
        custom: headers['x-custom'],
        body: describeBody(await request.readBody(1_000)),
      };
    });
    const res = await fetch(`${url}/api/hooks/acme/orders?x=1&x=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
      body: '{"n":1}',
    });
    expect(await res.json()).toEqual({
      url: `${url}/api/hooks/acme/orders?x=1&x=2`,
      method: 'POST',
      type: 'application/json',
      missing: null,
      custom: 'yes',
      body: { text: '{"n":1}' },
    });
  });

  it('refuses a body past the limit, declared or streamed, and closes the connection', async () => {
    const url = await serve(async (request) => describeBody(await request.readBody(8)));
    const declared = await fetch(url, { method: 'POST', body: 'x'.repeat(9) });
    expect(await declared.json()).toEqual({ refused: 'tooLarge' });
    expect(declared.headers.get('connection')).toBe('close');

    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('12345'));
        controller.enqueue(new TextEncoder().encode('67890'));
        controller.close();
      },
    });
    const chunked = await fetch(url, {
      method: 'POST',
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(await chunked.json()).toEqual({ refused: 'tooLarge' });
    expect(chunked.headers.get('connection')).toBe('close');
  });

  it('reports a body cut off by the client as unreadable, and aborts its signal', async () => {
    let seen: { body: BodyResult; aborted: boolean } | undefined;
    const done = new Promise<void>((resolve) => {
      void serve(async (request) => {
        const signal = request.signal;
        const body = await request.readBody(1_000);
        await new Promise((r) => setTimeout(r, 50));
        seen = { body, aborted: signal.aborted };
        resolve();
        return {};
      }).then((url) => {
        const req = httpRequest(url, { method: 'POST', headers: { 'content-length': '100' } });
        req.on('error', () => undefined);
        req.write('only part of it');
        setTimeout(() => req.destroy(), 50);
      });
    });
    await done;
    expect(seen).toEqual({ body: { ok: false, reason: 'unreadable' }, aborted: true });
  });
});
