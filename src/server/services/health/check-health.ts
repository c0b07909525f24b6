import { db } from '../../db';

const TIMEOUT_MS = 2_000;

export interface Health {
  status: 'ok' | 'degraded';
  database: { status: 'ok' | 'down'; latencyMs?: number; error?: string };
  uptimeS: number;
}

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  let database: Health['database'];
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS)),
    ]);
    database = { status: 'ok', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    database = { status: 'down', error: error instanceof Error ? error.message : 'unreachable' };
  }
  return {
    status: database.status === 'ok' ? 'ok' : 'degraded',
    database,
    uptimeS: Math.round(process.uptime()),
  };
}
