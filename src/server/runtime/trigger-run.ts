import type { RunState } from '@/engine';
import { Prisma, type TriggerType } from '@/generated/prisma/client';
import type { DbTx } from '../db';
import { AppError } from '../errors';
import { activateRun, applyEvents } from './apply-events';
import { createRunRow } from './create-run-row';
import { notifyRun } from './notify';
import { promoteQueuedRun } from './on-run-finished';
import type { RuntimeContext } from './runtime-context';

export interface TriggerRunInput {
  workspaceId: string;
  workflowId: string;
  /** Default: the workflow's published version. */
  versionId?: string;
  trigger: TriggerType;
  input: unknown;
  priority?: number;
  idempotencyKey?: string;
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

const ACTIVE = ['running', 'waiting'] as const;

/**
 * Creates a run of a workflow and, unless the workflow's concurrency limit says
 * otherwise, starts it — all in the caller's transaction. Authorization is the caller's.
 */
export async function triggerRun(
  tx: DbTx,
  ctx: RuntimeContext,
  input: TriggerRunInput,
): Promise<TriggeredRun> {
  const workflow = await tx.workflow.findFirst({
    where: { id: input.workflowId, workspaceId: input.workspaceId },
    select: {
      id: true,
      priority: true,
      publishedVersionId: true,
      concurrencyLimit: true,
      concurrencyPolicy: true,
    },
  });
  if (!workflow) throw new AppError('NOT_FOUND', 'Workflow not found');
  if (workflow.concurrencyLimit) {
    // Serialises the starts of this workflow's runs so the limit holds under races.
    await tx.$queryRaw`SELECT 1 FROM "Workflow" WHERE id = ${workflow.id} FOR UPDATE`;
  }
  if (input.idempotencyKey) {
    const existing = await tx.run.findUnique({
      where: {
        workflowId_idempotencyKey: {
          workflowId: workflow.id,
          idempotencyKey: input.idempotencyKey,
        },
      },
      select: { id: true, state: true },
    });
    if (existing) {
      return {
        runId: existing.id,
        deduplicated: true,
        state: existing.state as RunState | null,
        outcome: 'started',
      };
    }
  }
  const versionId = input.versionId ?? workflow.publishedVersionId;
  if (!versionId) throw new AppError('CONFLICT', 'Publish the workflow before running it');

  const run = await createRunRow(tx, {
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
  });

  if (workflow.concurrencyLimit) {
    const active = await tx.run.findMany({
      where: { workflowId: workflow.id, status: { in: [...ACTIVE] } },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    });
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
          const error = { message: `Skipped: ${workflow.concurrencyLimit} runs already active` };
          await tx.run.update({
            where: { id: run.id },
            data: {
              status: 'cancelled',
              finishedAt: new Date(),
              error: error as Prisma.InputJsonObject,
            },
          });
          await notifyRun(tx, {
            runId: run.id,
            workspaceId: input.workspaceId,
            workflowId: workflow.id,
            status: 'cancelled',
          });
          return { runId: run.id, deduplicated: false, state: null, outcome: 'skipped' };
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
          return { runId: run.id, deduplicated: false, state: null, outcome: 'queued' };
      }
    }
  }
  const state = await activateRun(tx, ctx, run.id);
  return { runId: run.id, deduplicated: false, state, outcome: 'started' };
}

async function hasBacklog(tx: DbTx, workflowId: string, except: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "Run"
      WHERE "workflowId" = ${workflowId} AND status = 'queued' AND state IS NULL AND id <> ${except}
    ) AS found`;
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
  tx: DbTx,
  ctx: RuntimeContext,
  workflowId: string,
): Promise<number> {
  await tx.$queryRaw`SELECT 1 FROM "Workflow" WHERE id = ${workflowId} FOR UPDATE`;
  const workflow = await tx.workflow.findUnique({
    where: { id: workflowId },
    select: { concurrencyLimit: true },
  });
  if (!workflow) return 0;
  let started = 0;
  for (; started < START_BATCH; started++) {
    // Without a limit (it was lifted) every queued run may start.
    if (workflow.concurrencyLimit) {
      const active = await tx.run.count({ where: { workflowId, status: { in: [...ACTIVE] } } });
      if (active >= workflow.concurrencyLimit) return started;
    }
    const next = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Run"
      WHERE "workflowId" = ${workflowId} AND status = 'queued' AND state IS NULL
      ORDER BY priority DESC, "createdAt" ASC
      LIMIT 1 FOR UPDATE SKIP LOCKED`;
    if (!next[0]) return started;
    await activateRun(tx, ctx, next[0].id);
  }
  // Room may be left: hand the rest to another job rather than growing this transaction.
  await promoteQueuedRun(tx, workflowId);
  return started;
}
