import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage-error';

/** What `npm start` keeps in the data folder's config.json (scripts/lib/local-config.ts). */
interface LocalConfig {
  postgresPassword?: string;
  auditKey?: string;
  authSecret?: string;
}

/** The environment a command reads (process.env, or another in tests). */
export type CliEnvironment = Readonly<Record<string, string | undefined>>;

export function dataDirOf(env: CliEnvironment, cwd: string): string {
  return path.resolve(cwd, env.MINIFLOW_DATA_DIR || '.miniflow');
}

export function readLocalConfig(dataDir: string): LocalConfig | null {
  const file = path.join(dataDir, 'config.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as LocalConfig;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The database a command works on: DATABASE_URL, or else the embedded PostgreSQL that
 * `npm start` runs in the data folder (MINIFLOW_DATA_DIR, default `.miniflow`). Its port is
 * the one the running server wrote to postmaster.pid (start picks another when the
 * configured one is taken). Throws a UsageError naming what is missing.
 */
export function cliDatabaseUrl(env: CliEnvironment, cwd: string): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = dataDirOf(env, cwd);
  const config = readLocalConfig(dataDir);
  if (!config?.postgresPassword) {
    throw new UsageError(
      `DATABASE_URL is not set and ${dataDir} holds no MiniFlow data folder (no config.json): ` +
        'set DATABASE_URL, or MINIFLOW_DATA_DIR to the folder npm start uses',
    );
  }
  const pgDir = path.join(dataDir, 'pg');
  const pidFile = path.join(pgDir, 'postmaster.pid');
  const lines = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n') : [];
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !Number.isInteger(port)) {
    throw new UsageError(
      `PostgreSQL is not running in ${pgDir}: start MiniFlow there (npm start), or set DATABASE_URL`,
    );
  }
  return `postgresql://postgres:${encodeURIComponent(config.postgresPassword)}@127.0.0.1:${port}/miniflow`;
}
