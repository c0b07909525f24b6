import { startTempPostgres } from '../../scripts/lib/temp-postgres';
import { createDb } from '../../src/server/db';
import { migrate } from '../../src/server/db/migrate';
import { ensureQueueSchema } from '../../src/server/runtime/queue-schema';

/**
 * A throw-away PostgreSQL with MiniFlow's schema and an owner workspace, for one benchmark.
 * Durability is on (unlike test clusters) so figures reflect a real deployment.
 */
export async function benchDatabase() {
  const pg = await startTempPostgres('miniflow-bench-', { durable: true });
  const url = pg.localUrl;
  await migrate(url);
  await ensureQueueSchema(url);
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret';
  process.env.MINIFLOW_AUDIT_KEY ??= 'bench-audit-key-bench-audit-key-bench';
  process.env.MINIFLOW_LOG_LEVEL ??= 'warn';
  const db = createDb(url, 8);
  const workspace = await db.workspace.create({ data: { slug: 'bench', name: 'Bench' } });
  const user = await db.user.create({ data: { email: 'bench@example.com' } });
  await db.membership.create({
    data: { workspaceId: workspace.id, userId: user.id, role: 'owner' },
  });
  return {
    url,
    db,
    actor: { userId: user.id, workspaceId: workspace.id, role: 'owner' as const },
    async stop() {
      await db.$disconnect();
      await pg.stop();
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
