import { db } from '../../db';
import { withTimeout } from './with-timeout';

export interface Health {
  status: 'ok' | 'degraded';
  /** `down` says only that: addresses and driver messages stay in the server's log. */
  database: { status: 'ok' | 'down'; latencyMs?: number };
  uptimeS: number;
}

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  let database: Health['database'];
  try {
    await withTimeout(db.$queryRaw`SELECT 1`);
    database = { status: 'ok', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    database = { status: 'down' };
  }
  return {
    status: database.status === 'ok' ? 'ok' : 'degraded',
    database,
    uptimeS: Math.round(process.uptime()),
  };
}
