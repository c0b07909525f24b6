import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { metrics } from '../metrics/metrics';
import { handleWebhook } from './handle-webhook';

export const HOOKS_PREFIX = '/api/hooks/';

/**
 * Serves a webhook request straight from Node's HTTP server, skipping the page server's
 * routing and rendering machinery: webhooks are the hot path of a workflow platform. The
 * Next route at the same URL remains for servers that only run Next.
 */
export async function serveNodeWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  res.once('close', () => {
    const status = res.headersSent ? String(res.statusCode) : 'aborted';
    metrics().webhookDuration.observe({ status }, (performance.now() - started) / 1000);
  });
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(url, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  });
  const response = await handleWebhook(request);
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}
