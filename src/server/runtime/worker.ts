import { randomBytes } from 'node:crypto';
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { createDb, type Db } from '../db';
import { logger } from '../logger';
import { beat } from './heartbeat';
import { startSupervisedRunner } from './queue-runner';
import { quietLogger } from './queue-schema';
import { runtimeLimitsEnv } from '../env';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';
import type { RuntimeLimits } from './runtime-limits';
import { pruneRunData } from '../retention/prune-run-data';
import { sweep } from './sweeper';
import { createTaskList } from './tasks';
import { STALE_WORKER_MS } from './worker-liveness';

export interface WorkerOptions {
  databaseUrl: string;
  /** Jobs this process runs at once (global worker concurrency). */
  concurrency?: number;
  heartbeatMs?: number;
  /** A worker silent this long is presumed dead and its jobs go to others (STALE_WORKER_MS). */
  staleAfterMs?: number;
  /** Default: from the environment (MINIFLOW_MAX_RUN_DEPTH, …). */
  limits?: Partial<RuntimeLimits>;
  /** How long `stop()` lets running steps finish before handing them back (default 5 s). */
  shutdownGraceMs?: number;
  /** How often run data past its workspace's retention is deleted (default 10 minutes). */
  retentionEveryMs?: number;
}

export interface RunningWorker {
  id: string;
  /** Finishes the jobs in flight, hands back the rest, and closes connections. */
  stop(): Promise<void>;
}

/**
 * A MiniFlow worker: runs step, timer, start and child-completion jobs from the queue,
 * heartbeats, and sweeps the jobs of dead workers. Any number of them, on any machines,
 * share one PostgreSQL.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const concurrency = options.concurrency ?? 8;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const staleAfterMs = options.staleAfterMs ?? STALE_WORKER_MS;
  const id = `worker-${randomBytes(6).toString('hex')}`;
  const db: Db = createDb(options.databaseUrl, Math.max(4, concurrency + 2));
  const ctx: RuntimeContext = createRuntimeContext(
    db,
    options.databaseUrl,
    concurrency + 2,
    options.limits ?? runtimeLimitsEnv(),
  );
  const ports = ctx.ports;
  const pgPool = new pg.Pool({ connectionString: options.databaseUrl, max: concurrency + 2 });
  pgPool.on('error', (error) => logger.warn({ err: error }, 'Queue connection error'));
  // A checked-out client whose server goes away emits 'error'; unheard, that ends the
  // process. graphile-worker adds such a listener only while a runner is alive, and there
  // is none for a moment while a failed runner is replaced (queue-runner.ts).
  pgPool.on('connect', (client) =>
    client.on('error', (error) => logger.warn({ err: error }, 'Queue connection lost')),
  );
  const runner = await startSupervisedRunner(
    {
      pgPool,
      concurrency,
      noHandleSignals: true,
      pollInterval: 1_000,
      logger: quietLogger,
      taskList: createTaskList(ctx),
      preset: {
        worker: {
          localQueue: { size: Math.min(64, concurrency * 4) },
          completeJobBatchDelay: 0,
          // Batched like completions: unbatched, a job that fails while PostgreSQL is away
          // is reported through a promise nobody awaits, and the rejection ends the process.
          failJobBatchDelay: 0,
          ...(options.shutdownGraceMs === undefined
            ? {}
            : { gracefulShutdownAbortTimeout: options.shutdownGraceMs }),
        },
      },
    },
    staleAfterMs,
  );

  const utils: WorkerUtils = await makeWorkerUtils({ pgPool, logger: quietLogger });
  const heartbeat = {
    workerId: id,
    concurrency,
    lockIds: () => runner.lockIds(),
    runningJobs: () => runner.runningJobs(),
  };
  await beat(db, heartbeat);
  const tick = async () => {
    try {
      // Jobs a dead pool had locked (running or prefetched) will never be finished by it.
      await runner.releaseDeadPools(utils);
      await beat(db, heartbeat);
      await sweep(db, utils, { staleAfterMs });
    } catch (error) {
      logger.warn({ err: error }, 'Heartbeat or sweep failed; retrying');
    }
  };
  const timer = setInterval(() => void tick(), heartbeatMs);
  timer.unref();
  let pruning: Promise<unknown> | undefined;
  const retention = setInterval(() => {
    pruning ??= pruneRunData(db, { now: new Date() })
      .catch((error: unknown) => logger.warn({ err: error }, 'Deleting expired run data failed'))
      .finally(() => (pruning = undefined));
  }, options.retentionEveryMs ?? 600_000);
  retention.unref();
  logger.info({ workerId: id, concurrency }, 'Worker started');

  let stopped: Promise<void> | undefined;
  return {
    id,
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        clearInterval(retention);
        await pruning;
        await runner.stop();
        await db.workerHeartbeat.delete({ where: { id } }).catch(() => undefined);
        await utils.release();
        await pgPool.end();
        await ports.dispose();
        await ctx.pool.end();
        await db.$disconnect();
        logger.info({ workerId: id }, 'Worker stopped');
      })();
      return stopped;
    },
  };
}
