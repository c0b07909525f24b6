import type { RateLimit } from '../limits/token-bucket';
import { hasRunQuotasSql, quotaDefaults } from '../quotas/run-quota';
import { asSql, type SqlLike } from '../runtime/sql';

/** Where a request is addressed: `/api/hooks/<workspace>/<path…>`. */
export interface HookTarget {
  workspace: string;
  path: string;
}

export interface MatchedWebhook {
  id: string;
  workspaceId: string;
  workflowId: string;
  versionId: string;
  nodeId: string;
  path: string;
  method: string;
  responseMode: string;
  errorDetails: boolean;
  secretName: string | null;
  /** Seconds a signature's timestamp may be off; null: the default (verify-signature.ts). */
  signatureTolerance: number | null;
  /** The replayable body-only signature is still accepted. */
  acceptBodyOnlySignature: boolean;
  /** The workflow's, as the look-up found them (an optimistic start re-checks them). */
  priority: number;
  concurrencyLimit: number | null;
  /** Its own rate limit, else its workspace's default for a webhook; null: none. */
  rateLimit: RateLimit | null;
  /** The limit of all the workspace's webhooks together; null: none. */
  workspaceRateLimit: RateLimit | null;
  /** Its workspace has run quotas: its runs start in a transaction that counts them. */
  hasQuotas: boolean;
}

interface WebhookRow extends Omit<MatchedWebhook, 'rateLimit' | 'workspaceRateLimit'> {
  ratePerSecond: number | null;
  rateBurst: number | null;
  allPerSecond: number | null;
  allBurst: number | null;
}

const limitOf = (perSecond: number | null, burst: number | null): RateLimit | null =>
  perSecond === null || burst === null ? null : { perSecond, burst };

export type HookLookup =
  | { kind: 'found'; hook: MatchedWebhook }
  | { kind: 'notFound' }
  | { kind: 'methodNotAllowed'; allow: string[] };

const PREFIX = '/api/hooks/';

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The target named by a request URL; undefined when the URL names none. */
export function hookTargetFromUrl(url: string): HookTarget | undefined {
  const { pathname } = new URL(url);
  const at = pathname.indexOf(PREFIX);
  if (at < 0) return undefined;
  const segments = pathname
    .slice(at + PREFIX.length)
    .split('/')
    .filter(Boolean)
    .map(decode);
  const [workspace, ...path] = segments;
  if (!workspace || path.length === 0 || path.some((s) => !s)) return undefined;
  return { workspace, path: path.join('/') };
}

/**
 * The published webhook at (workspace, path, method). An unknown workspace and an unknown
 * path give the same `notFound`, so callers cannot probe which workspaces exist.
 */
export async function findWebhook(
  db: SqlLike,
  target: HookTarget,
  method: string,
): Promise<HookLookup> {
  // One indexed round trip whether or not the workspace exists: an unknown workspace is
  // not even told apart by timing.
  const hooks = await asSql(db).query<WebhookRow>(
    `SELECT h.id, h."workspaceId", h."workflowId", h."versionId", h."nodeId", h.path, h.method,
            h."responseMode", h."errorDetails", h."secretName",
            h."sigTolerance" AS "signatureTolerance", h."sigBodyOnly" AS "acceptBodyOnlySignature",
            f.priority, f."concurrencyLimit",
            CASE WHEN h."ratePerSecond" IS NULL THEN w."hookRatePerSecond"
              ELSE h."ratePerSecond" END AS "ratePerSecond",
            CASE WHEN h."ratePerSecond" IS NULL THEN w."hookRateBurst"
              ELSE h."rateBurst" END AS "rateBurst",
            w."allHooksRatePerSecond" AS "allPerSecond", w."allHooksRateBurst" AS "allBurst",
            ${hasRunQuotasSql(3)} AS "hasQuotas"
     FROM "Webhook" h JOIN "Workspace" w ON w.id = h."workspaceId"
       JOIN "Workflow" f ON f.id = h."workflowId"
     WHERE w.slug = $1 AND h.path = $2`,
    [target.workspace, target.path, ...quotaDefaults()],
  );
  if (hooks.length === 0) return { kind: 'notFound' };
  const row = hooks.find((h) => h.method === method);
  if (!row) return { kind: 'methodNotAllowed', allow: hooks.map((h) => h.method).sort() };
  const { ratePerSecond, rateBurst, allPerSecond, allBurst, ...hook } = row;
  return {
    kind: 'found',
    hook: {
      ...hook,
      rateLimit: limitOf(ratePerSecond, rateBurst),
      workspaceRateLimit: limitOf(allPerSecond, allBurst),
    },
  };
}
