import { checkWorkflow, type WorkflowDefinition } from '@/engine';
import type { DbTx } from '../db';

// Versions are immutable, so a parsed definition can be kept for the life of the process.
const cache = new Map<string, WorkflowDefinition>();
const MAX_CACHED = 500;

export async function loadDefinition(tx: DbTx, versionId: string): Promise<WorkflowDefinition> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const version = await tx.workflowVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: { definition: true },
  });
  const parsed = checkWorkflow(version.definition);
  if (!parsed.ok) {
    throw new Error(
      `Stored version ${versionId} is not a valid workflow: ${parsed.errors[0]?.message}`,
    );
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(versionId, parsed.workflow);
  return parsed.workflow;
}
