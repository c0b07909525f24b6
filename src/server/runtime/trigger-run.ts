import type { RunState } from '@/engine';
import type { TriggerType } from '@/generated/prisma/client';
import { AppError } from '../errors';
import { countRunStarted } from '../metrics/run-counters';
import { activateRun, applyEvents, startFreshRun } from './apply-events';
import { createRunRow, type NewRun } from './create-run-row';
import { claimRunQuota, quotaColumns, quotaDefaults, type RunQuotas } from '../quotas/run-quota';
import { notifyRun } from './notify';
import { promoteQueuedRun } from './on-run-finished';
import type { RuntimeContext } from './runtime-context';
import { asSql, type Sql, type SqlLike } from './sql';

export interface TriggerRunInput {
  workspaceId: string;
  workflowId: string;
  /** Default: the workflow's published version. */
  versionId?: string;
  trigger: TriggerType;
  input: unknown;
  priority?: number;
  idempotencyKey?: string;
  /** A digest of the request that carried the key: reusing the key for another is refused. */
  idempotencyHash?: string;
  createdById?: string | null;
  timeoutMs?: number;
  retryOfId?: string;
  reuseOutputs?: boolean;
}

export interface TriggeredRun {
  runId: string;
  /** True when an earlier run with the same idempotency key was returned instead. */
  deduplicated: boolean;
  /** The run's state after activation; final when it ran entirely inline. */
  state: RunState | null;
  outcome: 'started' | 'queued' | 'skipped';
}

/**
 * Creates a run of a workflow and, unless the workflow's concurrency limit says
 * otherwise, starts it — all in the caller's transaction. Authorization is the caller's.
 */
export async function triggerRun(
  txLike: SqlLike,
  ctx: RuntimeContext,
  input: TriggerRunInput,
): Promise<TriggeredRun> {
  const tx = asSql(txLike);
  const found = await tx.query<
    {
      id: string;
      priority: number;
      publishedVersionId: string | null;
      concurrencyLimit: number | null;
      concurrencyPolicy: string;
    } & RunQuotas
  >(
    `SELECT f.id, f.priority, f."publishedVersionId", f."concurrencyLimit", f."concurrencyPolicy",
       ${quotaColumns(3)}
     FROM "Workflow" f JOIN "Workspace" w ON w.id = f."workspaceId"
     WHERE f.id = $1 AND f."workspaceId" = $2`,
    [input.workflowId, input.workspaceId, ...quotaDefaults()],
  );
  const workflow = found[0];
  if (!workflow) throw new AppError('NOT_FOUND', 'Workflow not found');
  if (workflow.concurrencyLimit) {
    // Serialises the starts of this workflow's runs so the limit holds under races.
    await tx.query('SELECT 1 AS ok FROM "Workflow" WHERE id = $1 FOR UPDATE', [workflow.id]);
  }
  if (input.idempotencyKey) {
    const existing = await tx.query<{
      id: string;
      state: RunState | null;
      idempotencyHash: string | null;
    }>(
      `SELECT id, state, "idempotencyHash" FROM "Run"
       WHERE "workflowId" = $1 AND "idempotencyKey" = $2`,
      [workflow.id, input.idempotencyKey],
    );
    if (existing[0]) {
      assertSameRequest(existing[0].idempotencyHash, input.idempotencyHash);
      return {
        runId: existing[0].id,
        deduplicated: true,
        state: existing[0].state,
        outcome: 'started',
      };
    }
  }
  const versionId = input.versionId ?? workflow.publishedVersionId;
  if (!versionId) throw new AppError('CONFLICT', 'Publish the workflow before running it');
  await claimRunQuota(tx, input.workspaceId, workflow, ctx.now());
  countRunStarted(workflow.id, input.trigger);

  const newRun: NewRun = {
    workspaceId: input.workspaceId,
    workflowId: workflow.id,
    versionId,
    trigger: input.trigger,
    input: input.input,
    priority: input.priority ?? workflow.priority,
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    createdById: input.createdById ?? null,
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    ...(input.retryOfId ? { retryOfId: input.retryOfId } : {}),
    ...(input.reuseOutputs ? { reuseOutputs: true } : {}),
  };
  if (!workflow.concurrencyLimit) {
    const fresh = await startFreshRun(tx, ctx, newRun);
    await keepRequestHash(tx, fresh.id, input.idempotencyHash);
    return { runId: fresh.id, deduplicated: false, state: fresh.state, outcome: 'started' };
  }
  const run = await createRunRow(tx, newRun, ctx.now());
  await keepRequestHash(tx, run.id, input.idempotencyHash);

  if (workflow.concurrencyLimit) {
    const active = await activeRuns(tx, workflow.id);
    // A slot may be free for a moment while earlier queued runs wait for their start job:
    // a new run then queues behind them, so it cannot jump a backlog of higher priority.
    const full = active.length >= workflow.concurrencyLimit;
    const backlog =
      !full &&
      workflow.concurrencyPolicy === 'queue' &&
      (await hasBacklog(tx, workflow.id, run.id));
    if (backlog) await promoteQueuedRun(tx, workflow.id);
    if (full || backlog) {
      switch (workflow.concurrencyPolicy) {
        case 'skip': {
          const reason = `skipped: ${workflow.concurrencyLimit} runs already active (concurrency limit)`;
          const state = await applyEvents(tx, ctx, run.id, [
            { event: { type: 'cancelRequested', reason } },
          ]);
          return { runId: run.id, deduplicated: false, state, outcome: 'skipped' };
        }
        case 'cancel-oldest': {
          const excess = active.length - workflow.concurrencyLimit + 1;
          for (const old of active.slice(0, excess)) {
            await applyEvents(tx, ctx, old.id, [
              {
                event: {
                  type: 'cancelRequested',
                  reason: 'Cancelled for a newer run (concurrency limit)',
                },
              },
            ]);
          }
          break;
        }
        default:
          await notifyRun(tx, {
            runId: run.id,
            workspaceId: input.workspaceId,
            workflowId: workflow.id,
            status: 'queued',
          });
          return { runId: run.id, deduplicated: false, state: run.state, outcome: 'queued' };
      }
    }
  }
  const state = await activateRun(tx, ctx, run.id);
  return { runId: run.id, deduplicated: false, state, outcome: 'started' };
}

function activeRuns(tx: Sql, workflowId: string) {
  return tx.query<{ id: string }>(
    `SELECT id FROM "Run" WHERE "workflowId" = $1 AND status IN ('running', 'waiting')
     ORDER BY "createdAt" ASC`,
    [workflowId],
  );
}

async function hasBacklog(tx: Sql, workflowId: string, except: string): Promise<boolean> {
  const rows = await tx.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM "Run"
       WHERE "workflowId" = $1 AND status = 'queued' AND "parentRunId" IS NULL AND id <> $2
     ) AS found`,
    [workflowId, except],
  );
  return rows[0]?.found === true;
}

/** Runs one start job activates at most; the rest get another job, keeping each short. */
const START_BATCH = 20;

/**
 * The start job of a workflow with queued runs: under the workflow's lock (the one
 * triggerRun takes, so the limit holds against new runs too), starts queued runs, best
 * priority first, while the limit leaves room. Runs cancelled meanwhile are not queued any
 * more and are never picked. Returns how many it started.
 */
export async function startQueuedRuns(
  txLike: SqlLike,
  ctx: RuntimeContext,
  workflowId: string,
): Promise<number> {
  const tx = asSql(txLike);
  const found = await tx.query<{ concurrencyLimit: number | null }>(
    'SELECT "concurrencyLimit" FROM "Workflow" WHERE id = $1 FOR UPDATE',
    [workflowId],
  );
  const workflow = found[0];
  if (!workflow) return 0;
  let started = 0;
  for (; started < START_BATCH; started++) {
    // Without a limit (it was lifted) every queued run may start.
    if (workflow.concurrencyLimit) {
      const active = await activeRuns(tx, workflowId);
      if (active.length >= workflow.concurrencyLimit) return started;
    }
    const next = await tx.query<{ id: string }>(
      `SELECT id FROM "Run"
       WHERE "workflowId" = $1 AND status = 'queued' AND "parentRunId" IS NULL
       ORDER BY priority DESC, "createdAt" ASC
       LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [workflowId],
    );
    if (!next[0]) return started;
    await activateRun(tx, ctx, next[0].id);
  }
  // Room may be left: hand the rest to another job rather than growing this transaction.
  await promoteQueuedRun(tx, workflowId);
  return started;
}

/** A repeated Idempotency-Key must come with the same request, or it names another run. */
export function assertSameRequest(kept: string | null, sent: string | undefined): void {
  if (kept !== null && sent !== undefined && kept !== sent) {
    throw new AppError(
      'UNPROCESSABLE_CONTENT',
      'Idempotency-Key: already used for a request with another body; use a new key',
    );
  }
}

async function keepRequestHash(tx: Sql, runId: string, hash: string | undefined): Promise<void> {
  if (hash === undefined) return;
  await tx.query('UPDATE "Run" SET "idempotencyHash" = $2 WHERE id = $1', [runId, hash]);
}
