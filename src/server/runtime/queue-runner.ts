import { EventEmitter } from 'node:events';
import {
  run,
  type Runner,
  type RunnerOptions,
  type WorkerEvents,
  type WorkerUtils,
} from 'graphile-worker';
import { logger } from '../logger';

/**
 * graphile-worker's runner, kept alive. When graphile-worker cannot record a job's result
 * (PostgreSQL restarting, a network blip), it shuts its worker pool down for good
 * ("queue is in an inconsistent state") and, depending on timing, that shutdown may hang
 * or end in a rejection nobody handles. A MiniFlow worker must outlive a database restart,
 * so a pool that reports a fatal error is replaced by a new runner as soon as the database
 * answers, and the jobs the dead pool had locked are unlocked for any worker to run.
 */
export interface SupervisedRunner {
  /** Queue lock owners (pool ids) of this process, living or not yet unlocked. */
  lockIds(): string[];
  runningJobs(): number;
  /** Unlocks the jobs of pools that died; call it periodically (it needs the database). */
  releaseDeadPools(utils: WorkerUtils): Promise<void>;
  stop(): Promise<void>;
}

/**
 * graphile-worker 0.17.3's local queue, handing prefetched jobs back to a database that
 * has just gone away while its pool shuts down, rejects a promise nobody handles (seen in
 * about one PostgreSQL restart in six), and Node ends the process. Those jobs stay locked
 * by the dead pool, whose locks are released (releaseDeadPools), so that rejection is
 * logged, not fatal. Any other unhandled rejection still ends the process: rethrown here,
 * it becomes an uncaught exception.
 */
function onUnhandledRejection(reason: unknown): void {
  if (reason instanceof Error && /graphile-worker[\\/].*localQueue/.test(reason.stack ?? '')) {
    logger.error({ err: reason }, 'Queue error while releasing prefetched jobs (recovered)');
    return;
  }
  throw reason;
}
let runnersInProcess = 0;

export async function startSupervisedRunner(
  options: Omit<RunnerOptions, 'events'>,
  /** After a fatal error, a pool that has not shut down by then is treated as dead. */
  deadAfterMs: number,
): Promise<SupervisedRunner> {
  const lockIds: string[] = [];
  const deadPools: string[] = [];
  let running = 0;
  let stopping = false;
  let currentPool: string | undefined;
  let restarting: Promise<void> | undefined;

  const markDead = (poolId: string) => {
    if (!stopping && lockIds.includes(poolId) && !deadPools.includes(poolId)) {
      deadPools.push(poolId);
    }
  };
  // Listeners go on before run(): the pool is created (and named) inside run(), so one
  // added to runner.events afterwards never heard of it. The heartbeat then carried no
  // lock ids, and sweepers took this worker's long-running jobs for a dead worker's.
  const events: WorkerEvents = new EventEmitter();
  events.on('pool:create', ({ workerPool }) => {
    lockIds.push(workerPool.id);
    currentPool = workerPool.id;
  });
  events.on('pool:release', ({ workerPool }) => markDead(workerPool.id));
  events.on('pool:fatalError', ({ workerPool, error }) => {
    if (workerPool.id === currentPool) replace(runner, workerPool.id, error);
  });
  events.on('job:start', () => running++);
  events.on('job:complete', () => running--);

  const runnerOptions: RunnerOptions = { ...options, events };
  let runner: Runner = await run(runnerOptions);
  if (runnersInProcess++ === 0) process.on('unhandledRejection', onUnhandledRejection);

  const watch = (current: Runner) => {
    const poolId = currentPool;
    const ended = (error: unknown) => {
      if (poolId) replace(current, poolId, error ?? new Error('Queue runner exited'));
    };
    current.promise.then(() => ended(undefined), ended);
  };
  const replace = (current: Runner, poolId: string, error: unknown) => {
    if (stopping || current !== runner || restarting) return;
    logger.error({ err: error, poolId }, 'Queue runner failed; starting a new one');
    // Its shutdown may take long or never end: its locks are released after a grace period.
    setTimeout(() => markDead(poolId), deadAfterMs).unref();
    restarting = restart().finally(() => (restarting = undefined));
  };
  const restart = async () => {
    for (let delay = 250; !stopping; delay = Math.min(delay * 2, 2_000)) {
      await new Promise((r) => setTimeout(r, delay));
      if (stopping) return;
      try {
        runner = await run(runnerOptions);
      } catch (failure) {
        logger.warn({ err: failure }, 'Queue runner could not start yet; retrying');
        continue;
      }
      watch(runner);
      logger.info('Queue runner restarted');
      return;
    }
  };
  watch(runner);

  return {
    lockIds: () => lockIds,
    runningJobs: () => running,
    async releaseDeadPools(utils) {
      if (deadPools.length === 0) return;
      const dead = [...deadPools];
      await utils.forceUnlockWorkers(dead);
      deadPools.splice(0, dead.length);
      for (const poolId of dead) {
        const at = lockIds.indexOf(poolId);
        if (at >= 0) lockIds.splice(at, 1);
      }
    },
    async stop() {
      stopping = true;
      await restarting; // a runner being started now is then stopped too
      await runner.stop().catch((error: unknown) => logger.warn({ err: error }, 'Worker stop'));
      if (--runnersInProcess === 0) process.off('unhandledRejection', onUnhandledRejection);
    },
  };
}
