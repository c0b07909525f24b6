import os from 'node:os';
import type { Db } from '../db';
import { processEnv } from '../env';

export interface HeartbeatOptions {
  workerId: string;
  concurrency: number;
  lockIds: () => string[];
  runningJobs: () => number;
}

/** Writes this worker's liveness row now and every `intervalMs`. */
export async function beat(db: Db, options: HeartbeatOptions): Promise<void> {
  const data = {
    hostname: os.hostname(),
    pid: process.pid,
    version: processEnv().npm_package_version,
    concurrency: options.concurrency,
    lockIds: options.lockIds(),
    runningJobs: options.runningJobs(),
    lastSeenAt: new Date(),
  };
  await db.workerHeartbeat.upsert({
    where: { id: options.workerId },
    create: { id: options.workerId, ...data },
    update: data,
  });
}
