import type pg from 'pg';
import { coalesce } from './coalesce';
import { insertRunsTogether } from './insert-runs-together';
import { saveRun, type RunWrite, type SaveOutcome } from './save-run';
import { saveRunsTogether } from './save-runs-together';
import { pgSql, type Sql } from './sql';

/** Writes per shared statement: enough to share the round trips, small enough to stay quick. */
const BATCH = 16;

type Settled = { outcome: SaveOutcome } | { error: unknown };
type SaveMany = (sql: Sql, writes: RunWrite[]) => Promise<SaveOutcome[]>;

/**
 * Whether a write may share a statement: an optimistic one (guarded by the run's version,
 * or a fresh run's by its workflow and webhook) that commits by itself, notice after.
 */
export function canSaveTogether(write: RunWrite): boolean {
  if (write.noticeAfterCommit !== true) return false;
  return write.fresh ? write.guard !== undefined : write.expectedVersion !== undefined;
}

/**
 * The process's optimistic saves (see save-runs-together.ts and insert-runs-together.ts),
 * each made alone on the pool while none of its kind is in flight, else together with
 * those made meanwhile. A shared statement that fails (a broken connection, a write
 * PostgreSQL refuses) is not the others' failure: each write of it is then made alone,
 * and only its own error reaches its caller.
 */
export function unlockedSaves(pool: pg.Pool): (write: RunWrite) => Promise<SaveOutcome> {
  const sql = pgSql(pool);
  const batcher = (saveMany: SaveMany) =>
    coalesce(async (writes: RunWrite[]): Promise<Settled[]> => {
      try {
        return (await saveMany(sql, writes)).map((outcome) => ({ outcome }));
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
  const updates = batcher(saveRunsTogether);
  const inserts = batcher(insertRunsTogether);
  return async (write) => {
    const settled = await (write.fresh ? inserts : updates)(write);
    if ('error' in settled) throw settled.error;
    return settled.outcome;
  };
}
