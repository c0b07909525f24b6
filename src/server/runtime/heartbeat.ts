import os from 'node:os';
import type { Db } from '../db';
import { processEnv } from '../env';

export interface HeartbeatOptions {
  workerId: string;
  concurrency: number;
  lockIds: () => string[];
  runningJobs: () => number;
}

/**
 * Writes this worker's liveness row once; the worker calls it every `heartbeatMs`
 * (worker.ts). The time written is the database's, the clock every reader judges
 * staleness by (worker-liveness.ts).
 */
export async function beat(db: Db, options: HeartbeatOptions): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "WorkerHeartbeat"
      (id, hostname, pid, version, concurrency, "lockIds", "runningJobs", "startedAt", "lastSeenAt")
    VALUES (${options.workerId}, ${os.hostname()}, ${process.pid}, ${processEnv().npm_package_version},
      ${options.concurrency}, ${options.lockIds()}::text[], ${options.runningJobs()},
      now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT (id) DO UPDATE SET
      hostname = EXCLUDED.hostname, pid = EXCLUDED.pid, version = EXCLUDED.version,
      concurrency = EXCLUDED.concurrency, "lockIds" = EXCLUDED."lockIds",
      "runningJobs" = EXCLUDED."runningJobs", "lastSeenAt" = EXCLUDED."lastSeenAt"`;
}
