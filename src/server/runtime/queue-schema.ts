import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { logger } from '../logger';

/** graphile-worker's log lines, through our structured logger. */
export const quietLogger = new Logger((scope) => (logLevel, message, meta) => {
  // graphile's LogLevel is an ambient const enum: compare its string values.
  const level: string = logLevel;
  const fields = { ...scope, ...meta, component: 'queue' };
  if (level === 'error') logger.error(fields, message);
  else if (level === 'warning') logger.warn(fields, message);
  else logger.debug(fields, message);
});

/** Installs or upgrades graphile-worker's own schema (idempotent; safe from many processes). */
export async function ensureQueueSchema(databaseUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // graphile-worker insists on error listeners (and warns on stderr without them): a
  // connection dropped mid-migration then fails the migration instead of the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'Queue schema connection error'));
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await runMigrations({ pgPool: pool, logger: quietLogger });
  } finally {
    await pool.end();
  }
}
