import { db } from '../../db';
import { withTimeout } from './with-timeout';

/**
 * What this process has told the readiness check about itself. `npm start` marks it
 * started once migrations ran and its parts (web, and worker and scheduler unless it runs
 * the web part only) are up, and draining as the first step of a graceful stop.
 */
interface ProcessReadiness {
  /** Migrations this build needs; the database must hold at least these. */
  expectedMigrations: number;
  started: boolean;
  draining: boolean;
}

const KEY = Symbol.for('miniflow.readiness');
const holder = globalThis as { [KEY]?: ProcessReadiness };

// Shared by the bundled routes and the code npm start loads directly.
function state(): ProcessReadiness {
  holder[KEY] ??= { expectedMigrations: 0, started: false, draining: false };
  return holder[KEY];
}

export function markStarted(expectedMigrations: number): void {
  Object.assign(state(), { expectedMigrations, started: true });
}

export function markDraining(): void {
  state().draining = true;
}

export interface Readiness {
  ready: boolean;
  started: boolean;
  draining: boolean;
  database: 'up' | 'down';
  migrations: 'applied' | 'pending' | 'unknown';
}

/**
 * Safe to send traffic: the process started its parts and is not stopping, the database
 * answers and holds every migration this build needs. One cheap query; no internals.
 */
export async function checkReadiness(): Promise<Readiness> {
  const { started, draining, expectedMigrations } = state();
  let database: Readiness['database'] = 'down';
  let migrations: Readiness['migrations'] = 'unknown';
  try {
    const [row] = await withTimeout(
      db.$queryRaw<{ applied: bigint }[]>`
        SELECT count(*) AS applied FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    database = 'up';
    migrations = Number(row?.applied ?? 0) >= expectedMigrations ? 'applied' : 'pending';
  } catch {
    database = 'down';
  }
  return {
    ready: started && !draining && database === 'up' && migrations === 'applied',
    started,
    draining,
    database,
    migrations,
  };
}
