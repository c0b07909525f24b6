import { Gauge, type Registry } from 'prom-client';
import { logger } from '../logger';
import { STALE_WORKER_MS, workerIsStaleSql } from '../runtime/worker-liveness';

/** Anything that runs one SQL statement: a node-postgres pool. */
export interface ClusterSource {
  query(text: string): Promise<{ rows: unknown[] }>;
}

interface QueueRow {
  task: string;
  priority: number;
  state: string;
  jobs: number;
  oldest: number;
}

interface WorkerRow {
  workers: number;
  slots: number;
  running: number;
}

interface Snapshot {
  queue: QueueRow[];
  workers: WorkerRow;
}

// The MiniFlow priority is the queue's negated (graphile-worker runs lower numbers first).
const QUEUE_SQL = `
  SELECT task_identifier AS task, -priority AS priority,
    CASE WHEN attempts >= max_attempts THEN 'failed'
         WHEN locked_at IS NOT NULL THEN 'running'
         WHEN run_at <= now() THEN 'ready'
         ELSE 'scheduled' END AS state,
    count(*)::int AS jobs,
    GREATEST(EXTRACT(EPOCH FROM now() - min(run_at)), 0)::float8 AS oldest
  FROM graphile_worker.jobs GROUP BY 1, 2, 3`;

const WORKERS_SQL = `
  SELECT count(*)::int AS workers, COALESCE(sum(concurrency), 0)::int AS slots,
    COALESCE(sum("runningJobs"), 0)::int AS running
  FROM "WorkerHeartbeat"
  WHERE NOT (${workerIsStaleSql()})`;

/**
 * Gauges of the whole cluster, read from PostgreSQL when scraped: every MiniFlow process
 * reports the same values, whichever one Prometheus asks. One read serves all gauges and
 * is reused for `ttlMs`, so frequent or parallel scrapes cannot load the database.
 */
export function registerClusterGauges(
  registry: Registry,
  source: () => ClusterSource | undefined,
  ttlMs = 5_000,
) {
  let cached: { at: number; snapshot: Promise<Snapshot | undefined> } | undefined;
  const snapshot = (): Promise<Snapshot | undefined> => {
    const now = Date.now();
    if (cached && now - cached.at < ttlMs) return cached.snapshot;
    const db = source();
    const read = db ? readSnapshot(db) : Promise.resolve(undefined);
    cached = { at: now, snapshot: read };
    return read;
  };
  const registers = [registry];

  new Gauge({
    name: 'miniflow_cluster_read_ok',
    help: 'Whether the queue and worker gauges could be read from PostgreSQL (1) or not (0); while not, they keep their last values.',
    registers,
    async collect() {
      this.set((await snapshot()) ? 1 : 0);
    },
  });

  new Gauge({
    name: 'miniflow_queue_jobs',
    help: 'Jobs in the queue by task, priority and state (ready, scheduled for later, running, failed).',
    labelNames: ['task', 'priority', 'state'] as const,
    registers,
    async collect() {
      const data = await snapshot();
      if (!data) return;
      this.reset();
      for (const row of data.queue) {
        this.set({ task: row.task, priority: String(row.priority), state: row.state }, row.jobs);
      }
    },
  });
  new Gauge({
    name: 'miniflow_queue_oldest_ready_job_age_seconds',
    help: 'How long the oldest job that could run has waited for a worker (0 when none waits).',
    registers,
    async collect() {
      const data = await snapshot();
      if (!data) return;
      const ready = data.queue.filter((row) => row.state === 'ready');
      this.set(Math.max(0, ...ready.map((row) => row.oldest)));
    },
  });
  const workerGauge = (name: string, help: string, pick: (row: WorkerRow) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const data = await snapshot();
        if (data) this.set(pick(data.workers));
      },
    });
  workerGauge(
    'miniflow_workers',
    `Workers whose heartbeat is less than ${STALE_WORKER_MS / 1000} s old.`,
    (row) => row.workers,
  );
  workerGauge(
    'miniflow_worker_slots',
    'Jobs the live workers may run at once, together.',
    (row) => row.slots,
  );
  workerGauge(
    'miniflow_worker_running_jobs',
    'Jobs the live workers are running, as of their last heartbeat.',
    (row) => row.running,
  );
  return {
    /** Forgets the cached read, so the next scrape reads the database again. */
    refreshCluster() {
      cached = undefined;
    },
  };
}

async function readSnapshot(db: ClusterSource): Promise<Snapshot | undefined> {
  try {
    const [queue, workers] = await Promise.all([db.query(QUEUE_SQL), db.query(WORKERS_SQL)]);
    return { queue: queue.rows as QueueRow[], workers: workers.rows[0] as WorkerRow };
  } catch (error) {
    // A scrape still answers: process and HTTP metrics stay useful while the database is
    // away, and miniflow_cluster_read_ok tells that the cluster gauges are stale.
    logger.warn({ err: error }, 'Could not read queue and worker metrics');
    return undefined;
  }
}
