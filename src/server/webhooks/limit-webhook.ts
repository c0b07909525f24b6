import { rateLimitHeaders } from '../limits/rate-limit-headers';
import { takeFromBucket, type BucketVerdict } from '../limits/token-bucket';
import type { Sql } from '../runtime/sql';
import type { HookTarget, MatchedWebhook } from './find-webhook';
import { errorResponse, type HookAnswer } from './webhook-response';

export type WebhookAdmission =
  { kind: 'admitted'; headers: Record<string, string> } | { kind: 'refused'; response: HookAnswer };

const NO_HEADERS: WebhookAdmission = { kind: 'admitted', headers: {} };

/**
 * Takes the request from the webhook's bucket, then from its workspace's bucket for all
 * webhooks: one statement each, and none at all when neither limit is set. Refused requests
 * are answered 429 before their body is read.
 */
export async function admitWebhookRequest(
  sql: Sql,
  target: HookTarget,
  hook: MatchedWebhook,
): Promise<WebhookAdmission> {
  let verdict: BucketVerdict | undefined;
  if (hook.rateLimit) {
    verdict = await takeFromBucket(
      sql,
      `hook:${hook.workspaceId}:${hook.method} ${hook.path}`,
      hook.rateLimit,
    );
    if (!verdict.allowed) return refused(verdict, `webhook ${hook.method} ${target.path}`);
  }
  if (hook.workspaceRateLimit) {
    const all = await takeFromBucket(sql, `hooks:${hook.workspaceId}`, hook.workspaceRateLimit);
    if (!all.allowed) return refused(all, `the webhooks of workspace ${target.workspace}`);
    if (!verdict || all.remaining < verdict.remaining) verdict = all;
  }
  return verdict ? { kind: 'admitted', headers: rateLimitHeaders(verdict) } : NO_HEADERS;
}

function refused(verdict: BucketVerdict, what: string): WebhookAdmission {
  return {
    kind: 'refused',
    response: errorResponse(
      429,
      `Too many requests: ${what} is over its rate limit`,
      {},
      rateLimitHeaders(verdict),
    ),
  };
}
