import type { Db } from '../db';
import { refreshStoredBytes } from '../quotas/stored-bytes';
import { refreshRollups, TRAILING_WINDOW_MS } from '../services/monitor/refresh-rollups';

export interface PruneOptions {
  now: Date;
  /** Rows deleted per statement: small, so no statement holds locks for long. */
  batchSize?: number;
  /** Batches per table per call; the rest waits for the next call. */
  maxBatches?: number;
}

export interface PruneOutcome {
  runs: number;
  scheduleFires: number;
  rateBuckets: number;
  /** Workspaces whose stored run data was re-estimated (for the stored-bytes quota). */
  storedBytesEstimated: number;
}

/**
 * Deletes run data older than each workspace's retention: finished runs (their step
 * records and logs go with them) and schedule fires, in small batches, each its own
 * statement. Runs being worked on are skipped (`SKIP LOCKED`), so the runtime never waits
 * for it. The rollups are brought up to date first and only runs they already count are
 * deleted, so the monitors' aggregates keep them. Also drops rate-limit buckets that have
 * refilled (a missing bucket is a full one), and then re-estimates the stored run data of
 * workspaces with a stored-bytes quota.
 */
export async function pruneRunData(db: Db, options: PruneOptions): Promise<PruneOutcome> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 20;
  const now = options.now.getTime();
  await refreshRollups(db);
  const mark = await db.rollupWatermark.findUnique({ where: { id: 'runs' } });
  // The rollups rebuild their trailing window from the runs: keep what it still reads.
  const countedBefore = mark ? mark.rolledUpTo.getTime() - TRAILING_WINDOW_MS : undefined;
  const outcome: PruneOutcome = {
    runs: 0,
    scheduleFires: 0,
    rateBuckets: 0,
    storedBytesEstimated: 0,
  };
  for (let batch = 0; countedBefore !== undefined && batch < maxBatches; batch++) {
    const deleted = await db.$executeRaw`
      DELETE FROM "Run" WHERE id IN (
        SELECT r.id FROM "Run" r JOIN "Workspace" w ON w.id = r."workspaceId"
        WHERE r.status IN ('succeeded', 'failed', 'cancelled')
          AND r."finishedAt" < to_timestamp(${now}::float8 / 1000) AT TIME ZONE 'UTC'
                               - make_interval(days => w."retentionDays")
          AND r."finishedAt" < to_timestamp(${countedBefore}::float8 / 1000) AT TIME ZONE 'UTC'
        LIMIT ${batchSize} FOR UPDATE OF r SKIP LOCKED)`;
    outcome.runs += deleted;
    if (deleted < batchSize) break;
  }
  for (let batch = 0; batch < maxBatches; batch++) {
    const deleted = await db.$executeRaw`
      DELETE FROM "ScheduleFire" f USING (
        SELECT f2."scheduleId", f2."fireAt" FROM "ScheduleFire" f2
          JOIN "Schedule" s ON s.id = f2."scheduleId" JOIN "Workspace" w ON w.id = s."workspaceId"
        WHERE f2."fireAt" < to_timestamp(${now}::float8 / 1000) AT TIME ZONE 'UTC'
                            - make_interval(days => w."retentionDays")
        LIMIT ${batchSize}) old
      WHERE f."scheduleId" = old."scheduleId" AND f."fireAt" = old."fireAt"`;
    outcome.scheduleFires += deleted;
    if (deleted < batchSize) break;
  }
  outcome.rateBuckets = await db.$executeRaw`
    DELETE FROM "RateBucket" WHERE tat < (extract(epoch FROM clock_timestamp()) * 1000)::float8`;
  outcome.storedBytesEstimated = await refreshStoredBytes(db);
  return outcome;
}
