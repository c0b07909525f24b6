import type { benchDatabase } from './bench-db';

/** Creates and publishes a workflow through the same services the app uses. */
export async function publishDefinition(
  bench: Awaited<ReturnType<typeof benchDatabase>>,
  definition: Record<string, unknown>,
): Promise<string> {
  const { createWorkflow } = await import('../../src/server/services/workflows/create-workflow');
  const { saveDraft } = await import('../../src/server/services/workflows/save-draft');
  const { publishWorkflow } = await import('../../src/server/services/workflows/publish-workflow');
  const { db } = await import('../../src/server/db');
  const wf = await createWorkflow(db, bench.actor, { name: String(definition.name) });
  await saveDraft(db, bench.actor, {
    id: wf.id,
    definition: { schemaVersion: 1, ...definition },
    revision: 0,
  });
  await publishWorkflow(db, bench.actor, { id: wf.id, message: '' });
  return wf.id;
}
