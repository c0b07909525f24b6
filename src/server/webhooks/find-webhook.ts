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
  /** The workflow's, as the look-up found them (an optimistic start re-checks them). */
  priority: number;
  concurrencyLimit: number | null;
}

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
  const hooks = await asSql(db).query<MatchedWebhook>(
    `SELECT h.id, h."workspaceId", h."workflowId", h."versionId", h."nodeId", h.path, h.method,
            h."responseMode", h."errorDetails", h."secretName", f.priority, f."concurrencyLimit"
     FROM "Webhook" h JOIN "Workspace" w ON w.id = h."workspaceId"
       JOIN "Workflow" f ON f.id = h."workflowId"
     WHERE w.slug = $1 AND h.path = $2`,
    [target.workspace, target.path],
  );
  if (hooks.length === 0) return { kind: 'notFound' };
  const hook = hooks.find((h) => h.method === method);
  if (!hook) return { kind: 'methodNotAllowed', allow: hooks.map((h) => h.method).sort() };
  return { kind: 'found', hook };
}
