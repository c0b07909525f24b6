import { startWorker } from '../server/runtime/worker';
import { defaultWorkerConcurrency, workerEnv } from '../server/env';
import { startWorkerMetrics } from '../server/metrics/worker-metrics';
import type { CliIo } from './io';
import { EXIT, UsageError } from './usage-error';

export interface WorkerCommandOptions {
  concurrency?: string;
  metricsPort?: string;
}

/**
 * `miniflow worker`: runs queued steps against DATABASE_URL until SIGINT/SIGTERM, then
 * finishes the jobs in flight and hands the rest back. Run as many as you like, anywhere.
 */
export async function workerCommand(
  options: WorkerCommandOptions,
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const config = workerEnv();
  const databaseUrl = config.DATABASE_URL;
  const concurrency = Number(options.concurrency ?? defaultWorkerConcurrency());
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    throw new UsageError('--concurrency: a whole number from 1 to 256');
  }
  const metrics = metricsOptions(options.metricsPort, config.MINIFLOW_METRICS_TOKEN);
  const worker = await startWorker({
    databaseUrl,
    concurrency,
    shutdownGraceMs: config.MINIFLOW_SHUTDOWN_GRACE_MS,
  });
  io.err(`miniflow worker ${worker.id} running ${concurrency} jobs at a time\n`);
  const metricsServer = metrics && (await startWorkerMetrics(databaseUrl, metrics));
  if (metricsServer) io.err(`Prometheus metrics on port ${metricsServer.port} at /metrics\n`);
  await new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  io.err('Stopping: finishing jobs in flight…\n');
  await metricsServer?.close();
  await worker.stop();
  return EXIT.ok;
}

/** `--metrics-port` (0: any free port) and the token scrapes must bring, checked up front. */
function metricsOptions(port: string | undefined, token: string | undefined) {
  if (port === undefined) return undefined;
  const number = Number(port);
  if (!/^\d+$/.test(port) || number > 65535) {
    throw new UsageError('--metrics-port: a port number from 0 to 65535');
  }
  return { port: number, token };
}
