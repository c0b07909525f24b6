import { rateLimitHeaders } from '../limits/rate-limit-headers';
import { takeFromBucket, type BucketVerdict, type RateLimit } from '../limits/token-bucket';
import type { Sql } from '../runtime/sql';
import type { HookTarget, MatchedWebhook } from './find-webhook';
import { errorResponse, type HookAnswer } from './webhook-response';

/** The bucket that refused a webhook request, and how to name it to the caller. */
export interface HookRefusal {
  bucket: string;
  limit: RateLimit;
  what: string;
}

export type WebhookAdmission =
  | { kind: 'admitted'; headers: Record<string, string> }
  | { kind: 'refused'; response: HookAnswer; refusal: HookRefusal };

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
    const bucket = `hook:${hook.workspaceId}:${hook.method} ${hook.path}`;
    verdict = await takeFromBucket(sql, bucket, hook.rateLimit);
    if (!verdict.allowed) {
      const what = `webhook ${hook.method} ${target.path}`;
      return refused(verdict, { bucket, limit: hook.rateLimit, what });
    }
  }
  if (hook.workspaceRateLimit) {
    const bucket = `hooks:${hook.workspaceId}`;
    const all = await takeFromBucket(sql, bucket, hook.workspaceRateLimit);
    if (!all.allowed) {
      const what = `the webhooks of workspace ${target.workspace}`;
      return refused(all, { bucket, limit: hook.workspaceRateLimit, what });
    }
    if (!verdict || all.remaining < verdict.remaining) verdict = all;
  }
  return verdict ? { kind: 'admitted', headers: rateLimitHeaders(verdict) } : NO_HEADERS;
}

function refused(verdict: BucketVerdict, refusal: HookRefusal): WebhookAdmission {
  return {
    kind: 'refused',
    response: errorResponse(429, refusalMessage(refusal.what), {}, rateLimitHeaders(verdict)),
    refusal,
  };
}

export const refusalMessage = (what: string) => `Too many requests: ${what} is over its rate limit`;
