import { createDb } from '../server/db';
import { workerEnv, runtimeLimitsEnv } from '../server/env';
import { createRuntimeContext } from '../server/runtime/runtime-context';
import { startScheduler } from '../server/scheduler/start-scheduler';
import type { CliIo } from './io';
import { EXIT } from './usage-error';

/**
 * `miniflow scheduler`: fires cron schedules against DATABASE_URL until SIGINT/SIGTERM. For
 * deployments whose web processes run with MINIFLOW_WEB_ONLY; any number may run, each tick
 * fires once (see src/server/scheduler).
 */
export async function schedulerCommand(io: CliIo, signal?: AbortSignal): Promise<number> {
  const config = workerEnv();
  const databaseUrl = config.DATABASE_URL;
  const db = createDb(databaseUrl, 4);
  const runtime = createRuntimeContext(db, databaseUrl, 4, runtimeLimitsEnv());
  const scheduler = startScheduler({ db, runtime, databaseUrl });
  io.err('miniflow scheduler running\n');
  await new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  io.err('Stopping: finishing the tick in flight…\n');
  await scheduler.stop();
  await runtime.ports.dispose();
  await runtime.pool.end();
  await db.$disconnect();
  return EXIT.ok;
}
