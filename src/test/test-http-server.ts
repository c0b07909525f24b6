import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one path answers; decided per request so a path can fail N times, then succeed. */
export interface Reply {
  status?: number;
  body?: unknown;
  /** Answer after this many ms. */
  delayMs?: number;
  /** Never answer (until the server closes): a hung upstream. */
  hang?: boolean;
}

export interface SeenRequest {
  path: string;
  at: number;
  body: string;
}

/**
 * A programmable HTTP server on 127.0.0.1 for runtime tests: it records every request
 * (so tests can count how often a step really ran) and tracks how many are in flight at
 * once (so tests can observe concurrency from the outside, where the work happens).
 */
export interface TestServer {
  url: string;
  requests: SeenRequest[];
  count(path: string): number;
  /** Most requests in flight at once, over all paths. */
  maxInFlight(): number;
  /** Resolves when `path` has been requested `n` times. */
  waitFor(path: string, n?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(
  reply: (path: string, nth: number, body: string) => Reply,
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const seen = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const nth = (seen.get(path) ?? 0) + 1;
      seen.set(path, nth);
      requests.push({ path, at: Date.now(), body });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inFlight--;
      };
      res.on('close', finish);
      const answer = reply(path, nth, body);
      if (answer.hang) return;
      setTimeout(() => {
        finish();
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body ?? { path, nth }));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const count = (path: string) => seen.get(path) ?? 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count,
    maxInFlight: () => maxInFlight,
    async waitFor(path, n = 1, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (count(path) < n) {
        if (Date.now() > deadline) {
          throw new Error(`${path} was requested ${count(path)} times, expected ${n}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close() {
      // Hung requests would keep close() waiting forever.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
