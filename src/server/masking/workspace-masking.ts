import { compileMasking, type CompiledMasking, type CustomRuleKind } from '@/engine';
import { sensitiveValuesOf } from '@/shared/credential-types';
import type { Db } from '../db';
import { workspaceCredentials } from '../secrets/resolve-credential';
import { onCredentialChange } from '../services/credentials/credential-changes';

/** Rules change rarely and are read on every step: kept this long, or until changed here. */
const CACHE_MS = 5_000;

interface Cached {
  at: number;
  masking: Promise<CompiledMasking>;
  /** A fresh copy is being read; the one above is used until it is there. */
  refreshing?: boolean;
}

const cache = new Map<string, Cached>();

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
 * A workspace's masking rules, compiled, with its credentials' values. Past `CACHE_MS` the
 * kept copy is still returned while a fresh one is read in the background. Every request
 * of a webhook would otherwise wait for that read, every few seconds, on the hot path.
 * A change made in this process is seen at once (forgetMasking). One made in another
 * process is seen within `CACHE_MS` plus one read.
 */
export function workspaceMasking(
  db: Db,
  workspaceId: string,
  now = Date.now(),
): Promise<CompiledMasking> {
  const hit = cache.get(workspaceId);
  if (hit && (now - hit.at < CACHE_MS || hit.refreshing)) return hit.masking;
  if (hit) {
    hit.refreshing = true;
    const fresh = load(db, workspaceId);
    void fresh.then(
      // Unless it was forgotten (changed here) meanwhile: then the newer read stands.
      () => cache.get(workspaceId) === hit && cache.set(workspaceId, { at: now, masking: fresh }),
      () => (hit.refreshing = false),
    );
    return hit.masking;
  }
  const masking = load(db, workspaceId);
  cache.set(workspaceId, { at: now, masking });
  masking.catch(() => forgetMasking(workspaceId));
  return masking;
}
