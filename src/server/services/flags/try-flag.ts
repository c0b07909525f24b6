import { compileFlagSet } from '@/engine';
import type { Db } from '../../db';
import type { Actor } from '../actor';
import { getFlag } from './read-flags';

/** The "try it" panel: evaluates a stored flag for a context and says why each rule did or did not serve. */
export async function tryFlag(db: Db, actor: Actor, key: string, context: Record<string, unknown>) {
  const { flag } = await getFlag(db, actor, key);
  return compileFlagSet([flag]).explain(key, context);
}
