import type { RunState } from '@/engine';
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '../db';
import type { RuntimeContext } from '../runtime/runtime-context';
import { RUNTIME_TX_OPTIONS } from '../runtime/tasks';
import { triggerRun } from '../runtime/trigger-run';
import type { MatchedWebhook } from './find-webhook';
import type { WebhookInput } from './webhook-input';

export interface StartedWebhookRun {
  runId: string;
  /** An earlier run with the same Idempotency-Key was returned; no run was created. */
  replayed: boolean;
  /** The run's state as the trigger left it: final when it ran entirely inline. */
  state: RunState | null;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * Starts the webhook's workflow version in one transaction (pure steps may finish it right
 * there). Two requests racing with one Idempotency-Key both miss triggerRun's look-up; the
 * unique (workflow, key) index then fails the later insert, which aborts its transaction,
 * so the existing run is read afterwards, outside it.
 */
export async function startWebhookRun(
  db: Db,
  runtime: RuntimeContext,
  hook: MatchedWebhook,
  input: WebhookInput,
  idempotencyKey: string | undefined,
): Promise<StartedWebhookRun> {
  try {
    const run = await db.$transaction(
      (tx) =>
        triggerRun(tx, runtime, {
          workspaceId: hook.workspaceId,
          workflowId: hook.workflowId,
          versionId: hook.versionId,
          trigger: 'webhook',
          input,
          ...(idempotencyKey ? { idempotencyKey } : {}),
        }),
      RUNTIME_TX_OPTIONS,
    );
    return { runId: run.runId, replayed: run.deduplicated, state: run.state };
  } catch (error) {
    if (!idempotencyKey || !isUniqueViolation(error)) throw error;
    const existing = await db.run.findUnique({
      where: { workflowId_idempotencyKey: { workflowId: hook.workflowId, idempotencyKey } },
      select: { id: true, state: true },
    });
    if (!existing) throw error;
    return {
      runId: existing.id,
      replayed: true,
      state: existing.state as unknown as RunState | null,
    };
  }
}
