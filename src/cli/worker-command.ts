import { startWorker } from '../server/runtime/worker';
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
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new UsageError('DATABASE_URL: set it to the PostgreSQL MiniFlow uses');
  const concurrency = Number(options.concurrency ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    throw new UsageError('--concurrency: a whole number from 1 to 256');
  }
  const metricsPort = options.metricsPort === undefined ? undefined : Number(options.metricsPort);
  if (
    metricsPort !== undefined &&
    !(Number.isInteger(metricsPort) && metricsPort > 0 && metricsPort < 65536)
  ) {
    throw new UsageError('--metrics-port: a port number from 1 to 65535');
  }
  const worker = await startWorker({ databaseUrl, concurrency });
  io.err(`miniflow worker ${worker.id} running ${concurrency} jobs at a time\n`);
  const metricsServer =
    metricsPort === undefined ? undefined : await startWorkerMetrics(databaseUrl, metricsPort);
  if (metricsServer) io.err(`Metrics at http://0.0.0.0:${metricsServer.port}/metrics\n`);
  await new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  io.err('Stopping: finishing jobs in flight…\n');
  await metricsServer?.close();
  await worker.stop();
  return EXIT.ok;
}
