import { randomUUID } from 'node:crypto';
import { isRunFinal, startRun, type RunState } from '@/engine';
import { createRunRow, queuedState, type NewRun } from './create-run-row';
import { loadDefinition } from './definitions';
import { EventLoop, NeedsLockError, type EventLoopOptions, type ReusedOutputs } from './event-loop';
import type { RuntimeContext } from './runtime-context';
import type { LockedRun, TimedEvent } from './runtime-types';
import { RUN_ROW, type RunRow } from './read-runs';
import { asSql, type Sql, type SqlLike } from './sql';

export type { LockedRun, TimedEvent } from './runtime-types';
export { readRun, readRuns, type RunRow } from './read-runs';

const SPAWNS_CHILDREN = new Set(['forEach', 'subWorkflow']);

/** Steps that succeeded in a run, with what they produced (for retry from a failed step). */
async function reusableSteps(sql: Sql, runId: string): Promise<ReusedOutputs> {
  const rows = await sql.query<{ state: RunState | null }>(
    'SELECT state FROM "Run" WHERE id = $1',
    [runId],
  );
  const state = rows[0]?.state;
  const reuse: ReusedOutputs = new Map();
  for (const node of state?.nodes ?? []) {
    if (node.status === 'succeeded') {
      reuse.set(node.id, { output: node.output, ...(node.port ? { port: node.port } : {}) });
    }
  }
  return reuse;
}

/** Locks the run's row for the rest of the transaction and reads what the runtime needs. */
async function lockRun(sql: Sql, runId: string): Promise<RunRow | undefined> {
  const rows = await sql.query<RunRow>(`${RUN_ROW} FOR UPDATE`, [runId]);
  return rows[0];
}

/**
 * The run's state. Runs queued before every run got its state at creation have none yet:
 * theirs is built the same way, so they too change only through `advance`.
 */
async function stateOf(sql: Sql, ctx: RuntimeContext, run: RunRow): Promise<RunState | null> {
  if (run.state) return run.state;
  if (run.status !== 'queued') return null;
  return queuedState(
    sql,
    run.id,
    { versionId: run.versionId, workflowId: run.workflowId, timeoutMs: run.timeoutMs ?? 0 },
    ctx.now(),
  );
}

/** Applies events to a run whose state is at hand (see applyEvents and optimistic-apply). */
export async function runEvents(
  sql: Sql,
  ctx: RuntimeContext,
  run: LockedRun,
  state: RunState,
  events: TimedEvent[],
  options: Pick<EventLoopOptions, 'fresh' | 'optimistic'> = {},
) {
  const workflow = await loadDefinition(sql, run.versionId);
  const reuse =
    run.reuseOutputs && run.retryOfId ? await reusableSteps(sql, run.retryOfId) : undefined;
  return new EventLoop(sql, ctx, run, workflow, state, applyEvents, {
    ...options,
    ...(reuse ? { reuse } : {}),
  }).process(events);
}

/**
 * Applies events to a run in the caller's transaction (see EventLoop): the one way a run's
 * state, and so its status, ever changes. Returns the new state; null for no such run.
 */
export async function applyEvents(
  tx: SqlLike,
  ctx: RuntimeContext,
  runId: string,
  events: TimedEvent[],
): Promise<RunState | null> {
  const sql = asSql(tx);
  const run = await lockRun(sql, runId);
  const state = run && (await stateOf(sql, ctx, run));
  if (!run || !state) return null;
  if (isRunFinal(state.status)) return state;
  return runEvents(sql, ctx, run, state, events);
}

/**
 * Starts a queued run: applies `runStarted`, which runs inline steps right away (a run of
 * pure steps may finish here, in the caller's transaction). A run that is no longer queued
 * (started already, or cancelled while it waited) is left as it is.
 */
export async function activateRun(
  tx: SqlLike,
  ctx: RuntimeContext,
  runId: string,
): Promise<RunState | null> {
  const sql = asSql(tx);
  // Locked first, so two activations of one run (a start job delivered twice, a start
  // racing a cancel) are serialised: the second sees the first's state and does nothing.
  const run = await lockRun(sql, runId);
  if (!run) throw new Error(`Run ${runId} not found`);
  const state = await stateOf(sql, ctx, run);
  if (!state || state.status !== 'queued') return state;
  return runEvents(sql, ctx, run, state, [{ event: { type: 'runStarted', input: run.input } }]);
}

/**
 * Creates and starts a run in one go: the row is inserted with the state its first event
 * leaves it in, so a run of pure steps costs a single write. Only for runs that start at
 * once (no concurrency limit to wait on); the id is new, so no one else can see it yet.
 */
export async function startFreshRun(
  tx: SqlLike,
  ctx: RuntimeContext,
  run: NewRun,
  optimistic?: EventLoopOptions['optimistic'],
): Promise<{ id: string; state: RunState }> {
  const sql = asSql(tx);
  const workflow = await loadDefinition(sql, run.versionId);
  // Child runs reference their parent's row, which must exist before they are created.
  if (workflow.nodes.some((node) => SPAWNS_CHILDREN.has(node.type))) {
    if (optimistic) throw new NeedsLockError('A workflow that starts child runs');
    const { id } = await createRunRow(sql, run, ctx.now());
    return { id, state: (await activateRun(sql, ctx, id))! };
  }
  const id = randomUUID();
  const locked: LockedRun = {
    id,
    workspaceId: run.workspaceId,
    workflowId: run.workflowId,
    versionId: run.versionId,
    priority: run.priority,
    parentRunId: null,
    parentNodeId: null,
    parentAttempt: null,
    parentIndex: null,
    depth: run.depth ?? 0,
    retryOfId: run.retryOfId ?? null,
    reuseOutputs: run.reuseOutputs ?? false,
    concurrencyLimit: null,
  };
  const state = startRun({
    workflow,
    runId: id,
    workflowId: run.workflowId,
    now: ctx.now(),
    ...(run.timeoutMs ? { timeoutMs: run.timeoutMs } : {}),
  });
  const final = await runEvents(
    sql,
    ctx,
    locked,
    state,
    [{ event: { type: 'runStarted', input: run.input } }],
    { fresh: run, ...(optimistic ? { optimistic } : {}) },
  );
  return { id, state: final };
}
