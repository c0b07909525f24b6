import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect } from 'vitest';
import type { HttpRequest } from '@/engine/ports';
import { GuardedHttp, type GuardedHttpOptions } from '@/server/http/guarded-http';

export interface TestServer {
  base: string;
  port: number;
  /** Every request that reached the server. */
  seen: { url: string; method: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

/** A local HTTP server with the routes the GuardedHttp tests need, on 127.0.0.1. */
export async function startTestServer(): Promise<TestServer> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handle(state, req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const state: TestServer = {
    base: `http://127.0.0.1:${port}`,
    port,
    seen: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return state;
}

function handle(server: TestServer, req: IncomingMessage, res: ServerResponse, body: string): void {
  server.seen.push({
    url: req.url ?? '',
    method: req.method ?? '',
    headers: req.headers,
    body,
  });
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const json = (status: number, value: unknown) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
    });
    res.end(JSON.stringify(value));
  };
  const redirect = (status: number, location: string) => {
    res.writeHead(status, { location });
    res.end();
  };
  switch (path) {
    case '/json':
      return json(200, { ok: true, items: [1, 2] });
    case '/echo':
      return json(200, {
        method: req.method,
        body,
        auth: req.headers.authorization ?? null,
        host: req.headers.host,
      });
    case '/text':
      res.writeHead(200, { 'content-type': 'text/plain', 'x-custom': 'yes' });
      return void res.end('hello');
    case '/broken-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{not json');
    case '/gzip':
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      return void res.end(gzipSync(JSON.stringify({ zipped: true })));
    case '/status/503':
      return json(503, { error: 'down' });
    case '/big':
      res.writeHead(200, {
        'content-type': 'text/plain',
        'content-length': String(2 * 1024 * 1024),
      });
      return void res.end(Buffer.alloc(2 * 1024 * 1024, 97));
    case '/big-chunked': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 32; i++) res.write(Buffer.alloc(64 * 1024, 98));
      return void res.end();
    }
    case '/zip-bomb':
      res.writeHead(200, {
        'content-type': 'text/plain',
        'content-encoding': 'gzip',
      });
      return void res.end(gzipSync(Buffer.alloc(4 * 1024 * 1024, 0)));
    case '/hang':
      return; // never answers
    case '/r1':
      return redirect(302, '/r2');
    case '/r2':
      return redirect(307, `${server.base}/json`);
    case '/loop':
      return redirect(302, '/loop');
    case '/post-303':
      return redirect(303, '/echo');
    case '/keep-307':
      return redirect(307, '/echo');
    case '/to-metadata':
      return redirect(302, 'http://169.254.169.254/latest/meta-data/');
    case '/to-file':
      return redirect(302, 'file:///etc/passwd');
    case '/to-other-origin':
      return redirect(302, `http://other.test:${server.port}/echo`);
    default:
      return json(404, { error: 'not found' });
  }
}

/**
 * The shared set-up of the GuardedHttp tests: a local server for the file, clients closed
 * after it, and small helpers. Call at the top level of a test file.
 */
export function guardedHttpFixture() {
  const state = { server: undefined as TestServer | undefined };
  const clients: GuardedHttp[] = [];
  beforeAll(async () => {
    state.server = await startTestServer();
  });
  afterAll(() => {
    clients.forEach((c) => c.close());
    return state.server?.close();
  });
  return {
    get server(): TestServer {
      return state.server!;
    },
    client: (options: GuardedHttpOptions = { allowPrivateNetwork: true }): GuardedHttp => {
      const c = new GuardedHttp(options);
      clients.push(c);
      return c;
    },
    get: (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
      method: 'GET',
      url,
      headers: {},
      timeoutMs: 5000,
      ...extra,
    }),
    failure: async (promise: Promise<unknown>): Promise<Error> => {
      const err = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      return err as Error;
    },
    /** Names that resolve to the local test server, like an attacker's DNS would. */
    toLoopback: async () => [{ address: '127.0.0.1', family: 4 }],
  };
}
