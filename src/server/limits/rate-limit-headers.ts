import type { BucketVerdict } from './token-bucket';

/**
 * The `RateLimit-*` headers (IETF httpapi draft: limit, remaining, seconds until the bucket
 * is full again) and, on a refusal, `Retry-After` in whole seconds, never 0.
 */
export function rateLimitHeaders(verdict: BucketVerdict): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-limit': String(verdict.limit),
    'ratelimit-remaining': String(verdict.remaining),
    'ratelimit-reset': String(Math.ceil(verdict.resetMs / 1000)),
  };
  if (!verdict.allowed) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));
  }
  return headers;
}

/** The answer to a refused request: 429 with the headers, before anything else is done. */
export function tooManyRequests(verdict: BucketVerdict, what: string): Response {
  return Response.json(
    { error: { message: `Too many requests: ${what} is over its rate limit` } },
    { status: 429, headers: rateLimitHeaders(verdict) },
  );
}
