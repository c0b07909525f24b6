import { randomBytes } from 'node:crypto';
import { makeWorkerUtils, run, type Runner, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { defaultRegistry } from '@/engine';
import { createDb, type Db } from '../db';
import { logger } from '../logger';
import { beat } from './heartbeat';
import { quietLogger } from './queue-schema';
import type { RuntimeContext } from './runtime-context';
import { createServerPorts } from './server-ports';
import { sweep } from './sweeper';
import { createTaskList } from './tasks';

export interface WorkerOptions {
  databaseUrl: string;
  /** Jobs this process runs at once (global worker concurrency). */
  concurrency?: number;
  heartbeatMs?: number;
  /** A worker silent this long is presumed dead and its jobs go to others. */
  staleAfterMs?: number;
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
  const staleAfterMs = options.staleAfterMs ?? 15_000;
  const id = `worker-${randomBytes(6).toString('hex')}`;
  const db: Db = createDb(options.databaseUrl, Math.max(4, concurrency + 2));
  const ports = createServerPorts(db);
  const ctx: RuntimeContext = {
    db,
    ports,
    registry: defaultRegistry,
    now: () => Date.now(),
    random: () => Math.random(),
  };
  const pgPool = new pg.Pool({ connectionString: options.databaseUrl, max: concurrency + 2 });
  pgPool.on('error', (error) => logger.warn({ err: error }, 'Queue connection error'));
  const lockIds: string[] = [];
  let running = 0;

  const runner: Runner = await run({
    pgPool,
    concurrency,
    noHandleSignals: true,
    pollInterval: 1_000,
    logger: quietLogger,
    taskList: createTaskList(ctx),
    preset: {
      worker: { localQueue: { size: Math.min(64, concurrency * 4) }, completeJobBatchDelay: 0 },
    },
  });
  runner.events.on('pool:create', ({ workerPool }) => lockIds.push(workerPool.id));
  runner.events.on('job:start', () => running++);
  runner.events.on('job:complete', () => running--);

  const utils: WorkerUtils = await makeWorkerUtils({ pgPool, logger: quietLogger });
  const heartbeat = {
    workerId: id,
    concurrency,
    lockIds: () => lockIds,
    runningJobs: () => running,
  };
  await beat(db, heartbeat);
  const tick = async () => {
    try {
      await beat(db, heartbeat);
      await sweep(db, utils, { staleAfterMs });
    } catch (error) {
      logger.warn({ err: error }, 'Heartbeat or sweep failed; retrying');
    }
  };
  const timer = setInterval(() => void tick(), heartbeatMs);
  timer.unref();
  logger.info({ workerId: id, concurrency }, 'Worker started');

  let stopped: Promise<void> | undefined;
  return {
    id,
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await runner.stop().catch((error: unknown) => logger.warn({ err: error }, 'Worker stop'));
        await db.workerHeartbeat.delete({ where: { id } }).catch(() => undefined);
        await utils.release();
        await pgPool.end();
        ports.dispose();
        await db.$disconnect();
        logger.info({ workerId: id }, 'Worker stopped');
      })();
      return stopped;
    },
  };
}
