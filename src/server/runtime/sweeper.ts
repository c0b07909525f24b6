import type { WorkerUtils } from 'graphile-worker';
import type { Db } from '../db';
import { logger } from '../logger';
import { promoteQueuedRun } from './on-run-finished';
import { staleCutoffSql, workerIsStaleSql } from './worker-liveness';

export interface SweepOptions {
  /** A worker whose heartbeat is older than this is presumed dead. */
  staleAfterMs: number;
}

// One sweeper at a time across all processes.
const SWEEP_LOCK = 72_707_370;

/**
 * Hands the jobs of silent workers to the living: their queue locks are released so any
 * worker picks the jobs up again. Also releases locks of owners that never wrote a
 * heartbeat (a process killed within its first moments), and restarts queued runs whose
 * promotion was lost.
 */
export async function sweep(db: Db, utils: WorkerUtils, options: SweepOptions): Promise<string[]> {
  const cutoff = staleCutoffSql(options.staleAfterMs);
  const stale = workerIsStaleSql(options.staleAfterMs);
  return db.$transaction(
    async (tx) => {
      const lock = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS locked`;
      if (!lock[0]?.locked) return [];
      const dead = await tx.$queryRawUnsafe<{ id: string; lockIds: string[] }[]>(
        `SELECT id, "lockIds" FROM "WorkerHeartbeat" WHERE ${stale}`,
      );
      // locked_at is graphile-worker's timestamptz; the cutoff is a UTC timestamp.
      const orphanOwners = await tx.$queryRawUnsafe<{ locked_by: string }[]>(
        `SELECT DISTINCT locked_by FROM graphile_worker._private_jobs
         WHERE locked_by IS NOT NULL AND locked_at < ${cutoff} AT TIME ZONE 'UTC'
           AND locked_by NOT IN (
             SELECT unnest("lockIds") FROM "WorkerHeartbeat" WHERE NOT (${stale})
           )`,
      );
      const owners = [
        ...new Set([...dead.flatMap((d) => d.lockIds), ...orphanOwners.map((o) => o.locked_by)]),
      ];
      if (owners.length > 0) {
        await utils.forceUnlockWorkers(owners);
        logger.warn(
          { owners, workers: dead.map((d) => d.id) },
          'Released the jobs of silent workers',
        );
      }
      if (dead.length > 0) {
        await tx.workerHeartbeat.deleteMany({ where: { id: { in: dead.map((d) => d.id) } } });
      }
      const starved = await tx.$queryRawUnsafe<{ workflowId: string }[]>(
        `SELECT DISTINCT r."workflowId" FROM "Run" r
         WHERE r.status = 'queued' AND r."parentRunId" IS NULL AND r."createdAt" < ${cutoff}`,
      );
      for (const { workflowId } of starved) await promoteQueuedRun(tx, workflowId);
      return owners;
    },
    { timeout: 30_000 },
  );
}
