import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveNodeMetrics } from './serve-node-metrics';

export interface MetricsServerOptions {
  port: number;
  host?: string;
  token?: string | undefined;
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on its own port, for processes without the web app (`miniflow worker`).
 * Same registry, same answer and same access rule as the web app's `/api/metrics`.
 */
export async function serveMetrics(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    serveNodeMetrics(req, res, options.token);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
