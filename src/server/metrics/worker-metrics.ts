import pg from 'pg';
import { logger } from '../logger';
import { metrics } from './metrics';
import { serveMetrics, type MetricsServer } from './serve-metrics';

/**
 * The metrics port of a `miniflow worker`: this process's counters and the cluster's
 * queue and worker gauges, read through one connection of its own.
 */
export async function startWorkerMetrics(
  databaseUrl: string,
  options: { port: number; token: string | undefined },
): Promise<MetricsServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  pool.on('error', (error) => logger.warn({ err: error }, 'Metrics connection error'));
  metrics().setClusterSource(pool);
  const server = await serveMetrics(options);
  return {
    port: server.port,
    async close() {
      await server.close();
      await pool.end();
    },
  };
}
