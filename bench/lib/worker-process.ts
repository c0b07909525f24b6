// A worker process for benchmarks: `node --import tsx bench/lib/worker-process.ts`.
import { startWorker } from '../../src/server/runtime/worker';

const worker = await startWorker({
  databaseUrl: process.env.DATABASE_URL!,
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 8),
});
console.log('READY');
const stop = () => void worker.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
