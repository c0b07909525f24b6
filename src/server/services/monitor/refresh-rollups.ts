import type { Db, DbTx } from '../../db';
import {
  FAILURE_HOURS,
  FAILURE_MINUTES,
  PRUNE_MINUTES,
  RUN_HOURS,
  RUN_MINUTES,
  STEP_HOURS,
  STEP_MINUTES,
} from './rollup-sql';

/**
 * A run's finishedAt is the time its worker decided it finished, which may be a little
 * before its transaction committed. Every refresh therefore rebuilds this much before the
 * watermark as well, so a run committed late still lands in its bucket.
 */
export const TRAILING_WINDOW_MS = 5 * 60_000;
/**
 * At most one refresh per this interval: a reader that finds finished work not rolled up
 * yet waits out the rest of it, so a page re-read after a run finished always counts it.
 */
export const MIN_REFRESH_INTERVAL_MS = 1_000;
/** Minute rows serve the last hour's charts and the rebuild of the current hours. */
export const MINUTE_RETENTION_MS = 2 * 24 * 3_600_000;

const WATERMARK_ID = 'runs';
// One refresher at a time across every process; the others wait, then find it fresh.
const LOCK_KEY = 'miniflow_rollups';

/** A catch-up (first refresh, or after a rebuild) commits this much history at a time. */
export const CATCH_UP_CHUNK_MS = 6 * 3_600_000;

export interface RefreshOptions {
  /** Rebuild the trailing window even when nothing seems to have finished. */
  force?: boolean;
  /**
   * Roll up every finished run again from the first one: after runs were imported or
   * restored with finish times behind the watermark.
   */
  rebuild?: boolean;
}

export type RefreshOutcome = 'refreshed' | 'fresh';

type Attempt = RefreshOutcome | { waitMs: number };

/**
 * Brings the rollup tables up to date with the runs and steps finished since the last
 * refresh. Called by whoever reads them; the runtime's hot path never touches them.
 */
export async function refreshRollups(db: Db, options: RefreshOptions = {}) {
  // The common case, nothing new, costs no transaction, lock or pooled connection held.
  if (!options.force && !options.rebuild) {
    const mark = await db.rollupWatermark.findUnique({ where: { id: WATERMARK_ID } });
    if (mark && !(await finishedSince(db, mark.rolledUpTo))) return 'fresh';
  }
  let current = options;
  for (;;) {
    const pass = current;
    const attempt: Attempt = await db.$transaction((tx) => attemptRefresh(tx, pass), {
      timeout: 120_000,
      maxWait: 10_000,
    });
    if (typeof attempt === 'string') return attempt;
    if (attempt.waitMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, attempt.waitMs));
    } else {
      // The next chunk of a catch-up continues where this one stopped, unthrottled.
      current = { force: true };
    }
  }
}

async function attemptRefresh(tx: DbTx, options: RefreshOptions): Promise<Attempt> {
  await tx.$queryRawUnsafe('SELECT 1 AS ok FROM pg_advisory_xact_lock(hashtext($1))', LOCK_KEY);
  const [clock] = await tx.$queryRawUnsafe<{ now: Date }[]>(
    `SELECT now() AT TIME ZONE 'UTC' AS now`,
  );
  const now = clock!.now;
  const found = await tx.rollupWatermark.findUnique({ where: { id: WATERMARK_ID } });
  const mark = options.rebuild ? null : found;
  if (mark && !options.force) {
    if (!(await finishedSince(tx, mark.rolledUpTo))) return 'fresh';
    const sinceLast = now.getTime() - mark.refreshedAt.getTime();
    if (sinceLast < MIN_REFRESH_INTERVAL_MS) {
      return { waitMs: MIN_REFRESH_INTERVAL_MS - sinceLast };
    }
  }
  const from = mark
    ? minuteFloor(new Date(mark.rolledUpTo.getTime() - TRAILING_WINDOW_MS))
    : await earliestFinish(tx, now);
  // A long gap is rolled up a chunk per transaction, each short, the watermark following.
  const end =
    now.getTime() - from.getTime() > CATCH_UP_CHUNK_MS
      ? new Date(from.getTime() + CATCH_UP_CHUNK_MS)
      : null;
  const fromIso = from.toISOString();
  const endIso = end?.toISOString() ?? null;
  for (const statement of [
    ...RUN_MINUTES,
    ...RUN_HOURS,
    ...STEP_MINUTES,
    ...STEP_HOURS,
    ...FAILURE_MINUTES,
    ...FAILURE_HOURS,
  ]) {
    await tx.$executeRawUnsafe(statement, fromIso, endIso);
  }
  const rolledUpTo = end ?? now;
  // Never the minutes the next pass sums into its first hour.
  const nextHour = hourFloor(new Date(rolledUpTo.getTime() - TRAILING_WINDOW_MS));
  const pruneBefore = Math.min(now.getTime() - MINUTE_RETENTION_MS, nextHour.getTime());
  for (const statement of PRUNE_MINUTES) {
    await tx.$executeRawUnsafe(statement, new Date(pruneBefore).toISOString());
  }
  await tx.rollupWatermark.upsert({
    where: { id: WATERMARK_ID },
    create: { id: WATERMARK_ID, rolledUpTo, refreshedAt: now },
    update: { rolledUpTo, refreshedAt: now },
  });
  return end ? { waitMs: 0 } : 'refreshed';
}

/** Two index probes: did any run or step finish at or after `mark`? */
async function finishedSince(tx: Pick<DbTx, '$queryRawUnsafe'>, mark: Date): Promise<boolean> {
  const [row] = await tx.$queryRawUnsafe<{ found: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM "Run" WHERE "finishedAt" >= ($1::timestamptz AT TIME ZONE 'UTC'))
         OR EXISTS (SELECT 1 FROM "StepRun" WHERE "finishedAt" >= ($1::timestamptz AT TIME ZONE 'UTC'))
         AS found`,
    mark.toISOString(),
  );
  return row?.found === true;
}

function hourFloor(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);
}

function minuteFloor(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}

async function earliestFinish(tx: DbTx, now: Date): Promise<Date> {
  const [row] = await tx.$queryRawUnsafe<{ first: Date | null }[]>(
    `SELECT least((SELECT min("finishedAt") FROM "Run"),
                  (SELECT min("finishedAt") FROM "StepRun")) AS first`,
  );
  return minuteFloor(row?.first ?? now);
}
