import { createHash } from 'node:crypto';
import type { RunState } from '@/engine';
import { countRunStarted } from '../metrics/run-counters';
import { startWithoutLock } from '../runtime/optimistic-apply';
import { transaction, type RuntimeContext } from '../runtime/runtime-context';
import { pgSql } from '../runtime/sql';
import { assertSameRequest, triggerRun } from '../runtime/trigger-run';
import type { HookTarget, MatchedWebhook } from './find-webhook';
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
 * The hot path: a run of a workflow without a concurrency limit, created and run (pure
 * steps inline) by one guarded statement outside any transaction (optimistic-apply.ts).
 * Undefined when the webhook or its workflow is no longer as `hook` says, or the run
 * needs more than one statement: nothing was written, and the caller starts it the
 * transactional way after looking the webhook up afresh.
 */
export async function startWebhookRunWithoutLock(
  runtime: RuntimeContext,
  target: HookTarget,
  hook: MatchedWebhook,
  input: WebhookInput,
): Promise<StartedWebhookRun | undefined> {
  if (hook.concurrencyLimit !== null) return undefined;
  const started = await startWithoutLock(
    runtime,
    {
      workspaceId: hook.workspaceId,
      workflowId: hook.workflowId,
      versionId: hook.versionId,
      trigger: 'webhook',
      input,
      priority: hook.priority,
      createdById: null,
    },
    {
      publishedVersionId: hook.versionId,
      priority: hook.priority,
      webhook: {
        id: hook.id,
        workspaceSlug: target.workspace,
        path: hook.path,
        method: hook.method,
        responseMode: hook.responseMode,
        secretName: hook.secretName,
      },
    },
  );
  if (!started) return undefined;
  countRunStarted(hook.workflowId, 'webhook');
  return { runId: started.id, replayed: false, state: started.state };
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
  // What makes the request: a key reused with another body (or query) is refused (422).
  const idempotencyHash = idempotencyKey
    ? createHash('sha256')
        .update(JSON.stringify([input.method, input.query, input.body]))
        .digest('hex')
    : undefined;
  try {
    // The runtime's own connection pool: webhooks are the hottest trigger path.
    const run = await transaction(runtime, (sql) =>
      triggerRun(sql, runtime, {
        workspaceId: hook.workspaceId,
        workflowId: hook.workflowId,
        versionId: hook.versionId,
        trigger: 'webhook',
        input,
        ...(idempotencyKey ? { idempotencyKey, idempotencyHash } : {}),
      }),
    );
    return { runId: run.runId, replayed: run.deduplicated, state: run.state };
  } catch (error) {
    if (!idempotencyKey || !isUniqueViolation(error)) throw error;
    const [existing] = await pgSql(runtime.pool).query<{
      id: string;
      state: RunState | null;
      idempotencyHash: string | null;
    }>(
      `SELECT id, state, "idempotencyHash" FROM "Run"
       WHERE "workflowId" = $1 AND "idempotencyKey" = $2`,
      [hook.workflowId, idempotencyKey],
    );
    if (!existing) throw error;
    assertSameRequest(existing.idempotencyHash, idempotencyHash);
    return { runId: existing.id, replayed: true, state: existing.state };
  }
}
