import { compileMasking, type CompiledMasking, type CustomRuleKind } from '@/engine';
import { sensitiveValuesOf } from '@/shared/credential-types';
import type { Db } from '../db';
import { workspaceCredentials } from '../secrets/resolve-credential';
import { onCredentialChange } from '../services/credentials/credential-changes';

/** Rules change rarely and are read on every step: kept this long, or until changed here. */
const CACHE_MS = 5_000;
/** From this age on, a use of the kept copy reads a fresh one behind it. */
const REFRESH_AFTER_MS = CACHE_MS / 2;

interface Cached {
  /** When the read that made it started: its rules are at least this new. */
  at: number;
  masking: Promise<CompiledMasking>;
  /** A fresh copy is being read; the one above is used until it is there. */
  refreshing?: boolean;
}

// One per process, shared by the app's bundled modules and the code `npm start` loads, so
// a change made through the app is forgotten by the webhooks `npm start` serves too.
const CACHE = Symbol.for('miniflow.maskingCache');
const holder = globalThis as { [CACHE]?: Map<string, Cached> };
const cache = (holder[CACHE] ??= new Map<string, Cached>());

export function forgetMasking(workspaceId: string): void {
  cache.delete(workspaceId);
}

onCredentialChange(({ workspaceId }) => forgetMasking(workspaceId));

async function load(db: Db, workspaceId: string): Promise<CompiledMasking> {
  const workspace = await db.workspace.findUnique({
    where: { id: workspaceId },
    select: {
      maskingBuiltins: true,
      maskingRules: { select: { name: true, kind: true, expression: true } },
    },
  });
  if (!workspace) return compileMasking({ builtins: [], custom: [] });
  const credentials = workspace.maskingBuiltins.includes('credentials')
    ? await workspaceCredentials(db, workspaceId)
    : [];
  return compileMasking({
    builtins: workspace.maskingBuiltins,
    custom: workspace.maskingRules.map((r) => ({ ...r, kind: r.kind as CustomRuleKind })),
    secrets: credentials.flatMap((c) => sensitiveValuesOf(c.type, c.data)),
  });
}

/**
 * A workspace's masking rules, compiled, with its credentials' values. A kept copy is used
 * for `CACHE_MS` at most; past half that, a use reads a fresh copy behind it. So a workspace
 * in steady use never waits for the read on its hot path (each webhook request did, every
 * few seconds), and no copy older than `CACHE_MS` is ever used. A change made in this
 * process is seen at once (forgetMasking); one made in another within `CACHE_MS`.
 */
export function workspaceMasking(
  db: Db,
  workspaceId: string,
  now = Date.now(),
): Promise<CompiledMasking> {
  const hit = cache.get(workspaceId);
  if (hit && now - hit.at < CACHE_MS) {
    if (now - hit.at >= REFRESH_AFTER_MS && !hit.refreshing) refresh(db, workspaceId, hit, now);
    return hit.masking;
  }
  const masking = load(db, workspaceId);
  cache.set(workspaceId, { at: now, masking });
  masking.catch(() => forgetMasking(workspaceId));
  return masking;
}

function refresh(db: Db, workspaceId: string, kept: Cached, now: number): void {
  kept.refreshing = true;
  const masking = load(db, workspaceId);
  void masking.then(
    // Unless the kept copy was forgotten (changed here) or replaced meanwhile.
    () => cache.get(workspaceId) === kept && cache.set(workspaceId, { at: now, masking }),
    () => (kept.refreshing = false),
  );
}
