// A scheduler process for benchmarks: `node --import tsx bench/lib/scheduler-process.ts`.
import { webRuntime } from '../../src/server/runtime/web-runtime';
import { startScheduler } from '../../src/server/scheduler/start-scheduler';

const scheduler = startScheduler({
  db: webRuntime().db,
  runtime: webRuntime(),
  databaseUrl: process.env.DATABASE_URL!,
});
console.log('READY');
const stop = () => void scheduler.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
