import { createHash, createHmac } from 'node:crypto';

/** The previous hash of a chain's first event. */
export const GENESIS = '0'.repeat(64);

/** The fields an event's hash covers, besides the previous hash and the time. */
export interface HashedEvent {
  workspaceId: string | null;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  data: unknown;
  ip: string | null;
}

/**
 * The data as the database gives it back (dates as strings, undefined fields gone), with
 * object keys sorted so the hash survives jsonb's own key ordering.
 */
function stored(data: unknown): unknown {
  return canonical(JSON.parse(JSON.stringify(data ?? {})));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * HMAC-SHA256 with the server's audit key over the previous hash and the event: someone who
 * can write to the database but has not the key cannot forge or re-chain events.
 */
export function auditHmac(key: string, prevHash: string, event: HashedEvent, at: Date): string {
  const body = JSON.stringify([
    prevHash,
    event.workspaceId,
    event.actorId,
    event.action,
    event.targetType,
    event.targetId,
    stored(event.data),
    event.ip,
    at.toISOString(),
  ]);
  return createHmac('sha256', key).update(body).digest('hex');
}

/**
 * The bare SHA-256 of events recorded before the chain was keyed. Verification accepts it
 * only for a chain's oldest events, and only when a keyed event follows them (see
 * verify-audit-chain.ts).
 */
export function legacyAuditHash(prevHash: string, event: HashedEvent, at: Date): string {
  const body = JSON.stringify([
    prevHash,
    event.workspaceId,
    event.actorId,
    event.action,
    event.targetType,
    event.targetId,
    stored(event.data),
    at.toISOString(),
  ]);
  return createHash('sha256').update(body).digest('hex');
}
