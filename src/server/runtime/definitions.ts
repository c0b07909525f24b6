import { checkWorkflow, type WorkflowDefinition } from '@/engine';
import { asSql, type SqlLike } from './sql';

// Versions are immutable, so a parsed definition can be kept for the life of the process.
const cache = new Map<string, WorkflowDefinition>();
const MAX_CACHED = 500;

export async function loadDefinition(tx: SqlLike, versionId: string): Promise<WorkflowDefinition> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const rows = await asSql(tx).query<{ definition: unknown }>(
    'SELECT definition FROM "WorkflowVersion" WHERE id = $1',
    [versionId],
  );
  if (!rows[0]) throw new Error(`Workflow version ${versionId} not found`);
  const parsed = checkWorkflow(rows[0].definition);
  if (!parsed.ok) {
    throw new Error(
      `Stored version ${versionId} is not a valid workflow: ${parsed.errors[0]?.message}`,
    );
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(versionId, parsed.workflow);
  return parsed.workflow;
}
