import type pg from 'pg';
import { coalesce } from './coalesce';
import { saveRun, type RunWrite, type SaveOutcome } from './save-run';
import { saveRunsTogether } from './save-runs-together';
import { pgSql } from './sql';

/** Writes per shared statement: enough to share the round trips, small enough to stay quick. */
const BATCH = 16;

type Settled = { outcome: SaveOutcome } | { error: unknown };

/**
 * The process's optimistic saves (see save-runs-together.ts), each made alone on the pool
 * while none is in flight, else together with those made meanwhile. A shared statement
 * that fails (a broken connection, a write PostgreSQL refuses) is not the others' failure:
 * each write of it is then made alone, and only its own error reaches its caller.
 */
export function unlockedSaves(pool: pg.Pool): (write: RunWrite) => Promise<SaveOutcome> {
  const sql = pgSql(pool);
  const save = coalesce(async (writes: RunWrite[]): Promise<Settled[]> => {
    try {
      return (await saveRunsTogether(sql, writes)).map((outcome) => ({ outcome }));
    } catch (error) {
      if (writes.length === 1) return [{ error }];
      return Promise.all(
        writes.map((write) =>
          saveRun(sql, write).then(
            (outcome): Settled => ({ outcome }),
            (failure: unknown): Settled => ({ error: failure }),
          ),
        ),
      );
    }
  }, BATCH);
  return async (write) => {
    const settled = await save(write);
    if ('error' in settled) throw settled.error;
    return settled.outcome;
  };
}
