import type { StepRegistry } from '@/engine';
import { defaultRegistry } from '@/engine';
import pg from 'pg';
import { logger } from '../logger';
import { afterCommitNotices, type AfterCommitNotices } from './after-commit-notices';
import { readRuns, type RunRow } from './read-runs';
import { coalesce } from './coalesce';
import type { RunWrite, SaveOutcome } from './save-run';
import { unlockedSaves } from './unlocked-saves';
import { timedRegistry } from '../metrics/timed-registry';
import type { Db } from '../db';
import { runtimeLimits, type RuntimeLimits } from './runtime-limits';
import { createServerPorts, type ServerPorts } from './server-ports';
import { inTransaction, pgSql, type Sql } from './sql';

/** What the runtime needs from its process: the database, the step ports, the registry. */
export interface RuntimeContext {
  db: Db;
  /** node-postgres pool for the runtime's own transactions (see sql.ts). */
  pool: pg.Pool;
  ports: ServerPorts;
  registry: StepRegistry;
  limits: RuntimeLimits;
  /** Run notices of changes committed without a transaction (after-commit-notices.ts). */
  notices: AfterCommitNotices;
  /**
   * What the runtime needs of a run, read without a lock (for an optimistic write later);
   * concurrent reads of a process share a statement (coalesce.ts).
   */
  readRun: (runId: string) => Promise<RunRow | undefined>;
  /** Optimistic saves on the pool; concurrent ones share a statement (unlocked-saves.ts). */
  saveUnlocked: (write: RunWrite) => Promise<SaveOutcome>;
  now: () => number;
  random: () => number;
}

export function transaction<T>(ctx: RuntimeContext, fn: (sql: Sql) => Promise<T>): Promise<T> {
  return inTransaction(ctx.pool, fn, ctx.limits.transactionTimeoutMs);
}

/** node-postgres settings that bound every statement and every pause inside a transaction. */
export function boundedPoolConfig(limits: RuntimeLimits): pg.PoolConfig {
  return {
    statement_timeout: limits.statementTimeoutMs,
    idle_in_transaction_session_timeout: limits.transactionTimeoutMs,
  };
}

const RUN_READ_BATCH = 64;

/** A runtime on `db` plus its own node-postgres pool of `poolSize` connections. */
export function createRuntimeContext(
  db: Db,
  databaseUrl: string,
  poolSize: number,
  limitOverrides: Partial<RuntimeLimits> = {},
): RuntimeContext {
  const limits = runtimeLimits(limitOverrides);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    ...boundedPoolConfig(limits),
  });
  // An idle connection whose server went away must not end the process; the next query
  // opens a new one.
  pool.on('error', (error) => logger.warn({ err: error }, 'Runtime connection error'));
  // A checked-out client whose server goes away emits 'error' too; unheard, it would end
  // the process. The query in flight fails, and its transaction with it.
  pool.on('connect', (client) =>
    client.on('error', (error) => logger.warn({ err: error }, 'Runtime connection lost')),
  );
  return {
    db,
    pool,
    ports: createServerPorts(db),
    notices: afterCommitNotices(pool),
    readRun: coalesce((ids: string[]) => readRuns(pgSql(pool), ids), RUN_READ_BATCH),
    saveUnlocked: unlockedSaves(pool),
    registry: timedRegistry(defaultRegistry),
    limits,
    now: () => Date.now(),
    random: () => Math.random(),
  };
}

/**
 * Prisma transaction options for services that run the runtime inside their transaction:
 * the same time limit as the runtime's own transactions.
 */
export function runtimeTxOptions(ctx: RuntimeContext) {
  return { timeout: ctx.limits.transactionTimeoutMs, maxWait: 10_000 } as const;
}
