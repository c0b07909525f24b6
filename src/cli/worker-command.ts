import { startWorker } from '../server/runtime/worker';
import type { CliIo } from './io';
import { EXIT, UsageError } from './usage-error';

export interface WorkerCommandOptions {
  concurrency?: string;
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
  const worker = await startWorker({ databaseUrl, concurrency });
  io.err(`miniflow worker ${worker.id} running ${concurrency} jobs at a time\n`);
  await new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  io.err('Stopping: finishing jobs in flight…\n');
  await worker.stop();
  return EXIT.ok;
}
