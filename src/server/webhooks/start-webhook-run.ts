import type { RunState } from '@/engine';
import { transaction, type RuntimeContext } from '../runtime/runtime-context';
import { pgSql } from '../runtime/sql';
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
  return (error as { code?: string }).code === '23505';
}

/**
 * Starts the webhook's workflow version in one transaction (pure steps may finish it right
 * there). Two requests racing with one Idempotency-Key both miss triggerRun's look-up; the
 * unique (workflow, key) index then fails the later insert, which aborts its transaction,
 * so the existing run is read afterwards, outside it.
 */
export async function startWebhookRun(
  runtime: RuntimeContext,
  hook: MatchedWebhook,
  input: WebhookInput,
  idempotencyKey: string | undefined,
): Promise<StartedWebhookRun> {
  try {
    // The runtime's own connection pool: webhooks are the hottest trigger path.
    const run = await transaction(runtime, (sql) =>
      triggerRun(sql, runtime, {
        workspaceId: hook.workspaceId,
        workflowId: hook.workflowId,
        versionId: hook.versionId,
        trigger: 'webhook',
        input,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      }),
    );
    return { runId: run.runId, replayed: run.deduplicated, state: run.state };
  } catch (error) {
    if (!idempotencyKey || !isUniqueViolation(error)) throw error;
    const [existing] = await pgSql(runtime.pool).query<{ id: string; state: RunState | null }>(
      'SELECT id, state FROM "Run" WHERE "workflowId" = $1 AND "idempotencyKey" = $2',
      [hook.workflowId, idempotencyKey],
    );
    if (!existing) throw error;
    return { runId: existing.id, replayed: true, state: existing.state };
  }
}
