import type { Secrets } from '@/engine';
import { logger } from '../logger';
import type { MatchedWebhook } from './find-webhook';
import {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  signatureProblem,
  TIMESTAMP_HEADER,
} from './verify-signature';
import { errorResponse, type HookAnswer } from './webhook-response';
import type { WebhookRequest } from './webhook-request';

/**
 * For a webhook with a signing secret: undefined when the request is signed with it, its
 * timestamp within the webhook's tolerance of `now` (milliseconds), else the 401 to send.
 * A secret missing on the server refuses every request (fail closed) and tells the operator
 * in the log; the caller learns only that it cannot be verified.
 */
export async function requireSignature(
  hook: MatchedWebhook & { secretName: string },
  secrets: Secrets,
  request: Pick<WebhookRequest, 'url' | 'method' | 'headers'>,
  body: Uint8Array,
  now: number,
): Promise<HookAnswer | undefined> {
  const secret = await secrets.get(hook.secretName);
  if (!secret) {
    logger.warn(
      { webhookId: hook.id, workflowId: hook.workflowId, secretName: hook.secretName },
      'Webhook signing secret is not set (no credential of the workspace has its name); refusing its requests',
    );
    return errorResponse(
      401,
      'The webhook signature cannot be verified: its signing secret is not configured on the server',
    );
  }
  const url = new URL(request.url);
  const problem = signatureProblem(
    {
      signature: request.headers.get(SIGNATURE_HEADER),
      timestamp: request.headers.get(TIMESTAMP_HEADER),
    },
    { method: request.method, pathAndQuery: url.pathname + url.search, body },
    secret,
    {
      toleranceSeconds: hook.signatureTolerance ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
      acceptBodyOnly: hook.acceptBodyOnlySignature,
      now,
    },
  );
  return problem === undefined ? undefined : errorResponse(401, problem);
}
