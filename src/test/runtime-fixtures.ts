import { FINAL_RUN_STATUSES, type WorkflowDefinition } from '@/engine';
import { db } from '@/server/db';
import { startWorker, type RunningWorker } from '@/server/runtime/worker';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { startManualRun } from '@/server/services/runs/start-manual-run';
import { createWorkflow } from '@/server/services/workflows/create-workflow';
import { publishWorkflow } from '@/server/services/workflows/publish-workflow';
import { saveDraft } from '@/server/services/workflows/save-draft';
import { createMember, createWorkspace } from './fixtures';

/** An owner in a fresh workspace, as services expect it. */
export async function ownerActor(): Promise<Actor> {
  const ws = await createWorkspace();
  const user = await createMember(ws.id, 'owner');
  return { userId: user.id, workspaceId: ws.id, role: 'owner' };
}

type Def = Omit<WorkflowDefinition, 'schemaVersion'> & { schemaVersion?: 1 };

/** Creates a workflow with `definition` as its draft and publishes it. */
export async function publish(actor: Actor, definition: Def) {
  const workflow = await createWorkflow(db, actor, { name: definition.name });
  await saveDraft(db, actor, {
    id: workflow.id,
    definition: { schemaVersion: 1, ...definition },
    revision: 0,
  });
  const version = await publishWorkflow(db, actor, { id: workflow.id, message: '' });
  return { workflowId: workflow.id, versionId: version.id };
}

export async function startRun(actor: Actor, workflowId: string, input: unknown = {}) {
  return startManualRun(db, webRuntime(), actor, { workflowId, input });
}

export async function waitForRun(
  runId: string,
  statuses: readonly string[] = FINAL_RUN_STATUSES,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (statuses.includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`Run ${runId} is still ${run.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function withWorker<T>(fn: (worker: RunningWorker) => Promise<T>, concurrency = 4) {
  const worker = await startWorker({
    databaseUrl: process.env.DATABASE_URL!,
    concurrency,
    heartbeatMs: 500,
  });
  try {
    return await fn(worker);
  } finally {
    await worker.stop();
  }
}

export const node = (
  id: string,
  type: string,
  params: Record<string, unknown> = {},
  extra = {},
) => ({
  id,
  type,
  params,
  ...extra,
});
export const edge = (from: string, to: string, fromPort?: string) => ({
  from,
  to,
  ...(fromPort ? { fromPort } : {}),
});
