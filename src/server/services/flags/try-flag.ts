import { compileFlagSet } from '@/engine';
import type { Db } from '../../db';
import type { Actor } from '../actor';
import { getFlag } from './read-flags';
import { listSegments } from './read-segments';

/** The "try it" panel: evaluates a stored flag for a context and says why each rule did or did not serve. */
export async function tryFlag(db: Db, actor: Actor, key: string, context: Record<string, unknown>) {
  const [{ flag }, segments] = await Promise.all([
    getFlag(db, actor, key),
    listSegments(db, actor),
  ]);
  return compileFlagSet(
    [flag],
    segments.map((s) => s.segment),
  ).explain(key, context);
}
