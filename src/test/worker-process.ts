/**
 * A MiniFlow worker in its own process, for tests that kill one (crash recovery):
 *   node --import tsx src/test/worker-process.ts
 * Reads DATABASE_URL, WORKER_CONCURRENCY, WORKER_HEARTBEAT_MS and WORKER_STALE_AFTER_MS;
 * prints `ready <worker id>` once it takes jobs, and stops cleanly on SIGTERM.
 */
import { startWorker } from '@/server/runtime/worker';
import { STALE_WORKER_MS } from '@/server/runtime/worker-liveness';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const worker = await startWorker({
  databaseUrl: process.env.DATABASE_URL!,
  concurrency: number('WORKER_CONCURRENCY', 2),
  heartbeatMs: number('WORKER_HEARTBEAT_MS', 500),
  staleAfterMs: number('WORKER_STALE_AFTER_MS', STALE_WORKER_MS),
});
process.stdout.write(`ready ${worker.id}\n`);
process.once('SIGTERM', () => {
  void worker.stop().then(() => process.exit(0));
});
