import { createHash } from 'node:crypto';
import type { CachedStepResult, StepCache } from '@/engine';
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '../db';

/**
 * The step result cache in PostgreSQL, for one step of one workflow. Only steps whose node
 * sets `cache` reach it. After each write the workspace is trimmed to `maxBytes`, oldest first,
 * so one workflow cannot fill the database.
 */
export function stepCacheStore(
  db: Db,
  workflowId: string,
  nodeId: string,
  maxBytes: () => number,
): StepCache {
  const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');
  return {
    async get(key) {
      const row = await db.stepCacheEntry.findUnique({
        where: { workflowId_nodeId_keyHash: { workflowId, nodeId, keyHash: hashOf(key) } },
        select: { output: true, port: true, expiresAt: true },
      });
      if (!row || row.expiresAt.getTime() <= Date.now()) return undefined;
      const hit: CachedStepResult = { output: row.output ?? null };
      if (row.port) hit.port = row.port;
      return hit;
    },
    async set(key, result, ttlSeconds) {
      const output = JSON.stringify(result.output ?? null);
      const keyHash = hashOf(key);
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const size = Buffer.byteLength(output);
      const port = result.port ?? null;
      const rows = await db.$queryRaw<{ workspaceId: string }[]>`
        INSERT INTO "StepCacheEntry" ("workspaceId", "workflowId", "nodeId", "keyHash", output, port, "sizeBytes", "expiresAt")
        SELECT w."workspaceId", ${workflowId}, ${nodeId}, ${keyHash}, ${output}::jsonb, ${port}, ${size}, ${expiresAt}
        FROM "Workflow" w WHERE w.id = ${workflowId}
        ON CONFLICT ("workflowId", "nodeId", "keyHash") DO UPDATE SET
          output = EXCLUDED.output, port = EXCLUDED.port, "sizeBytes" = EXCLUDED."sizeBytes",
          "createdAt" = now(), "expiresAt" = EXCLUDED."expiresAt"
        RETURNING "workspaceId"`;
      const workspaceId = rows[0]?.workspaceId;
      if (workspaceId) await evict(db, workspaceId, maxBytes());
    },
  };
}

/** Drops expired entries and, newest kept first, whatever lies beyond the byte cap. */
async function evict(db: Db, workspaceId: string, maxBytes: number): Promise<void> {
  await db.$executeRaw(Prisma.sql`
    DELETE FROM "StepCacheEntry" e USING (
      SELECT id, sum("sizeBytes") OVER (ORDER BY "createdAt" DESC, id DESC) AS running, "expiresAt"
      FROM "StepCacheEntry" WHERE "workspaceId" = ${workspaceId}
    ) ranked
    WHERE e.id = ranked.id AND (ranked.running > ${maxBytes} OR ranked."expiresAt" <= now())`);
}
