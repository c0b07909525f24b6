import type { IncomingMessage, ServerResponse } from 'node:http';
import { metrics } from '../metrics/metrics';
import { answerWebhook } from './handle-webhook';
import { fromNodeRequest } from './webhook-request';

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
  const answer = await answerWebhook(fromNodeRequest(req, res));
  res.statusCode = answer.status;
  answer.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(answer.body ?? undefined);
}
