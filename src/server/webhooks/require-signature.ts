import type { Secrets } from '@/engine';
import { logger } from '../logger';
import type { MatchedWebhook } from './find-webhook';
import { SIGNATURE_HEADER, verifySignature } from './verify-signature';
import { errorResponse } from './webhook-response';

/**
 * For a webhook with a signing secret: undefined when the request is signed with it, else
 * the 401 to send. A secret missing on the server refuses every request (fail closed) and
 * tells the operator in the log; the caller learns only that it cannot be verified.
 */
export async function requireSignature(
  hook: MatchedWebhook & { secretName: string },
  secrets: Secrets,
  request: Request,
  body: Uint8Array,
): Promise<Response | undefined> {
  const secret = await secrets.get(hook.secretName);
  if (!secret) {
    logger.warn(
      { webhookId: hook.id, workflowId: hook.workflowId, secretName: hook.secretName },
      'Webhook signing secret is not set (MINIFLOW_SECRET_<NAME>); refusing its requests',
    );
    return errorResponse(
      401,
      'The webhook signature cannot be verified: its signing secret is not configured on the server',
    );
  }
  const header = request.headers.get(SIGNATURE_HEADER);
  if (verifySignature(body, header, secret)) return undefined;
  return errorResponse(
    401,
    header
      ? 'Invalid webhook signature'
      : 'Missing X-MiniFlow-Signature header (sha256=<hex HMAC-SHA256 of the body>)',
  );
}
