import { indexGraph, isNodeActive, type IndexedGraph, type RunEvent } from '@/engine';
import type { Task, TaskList } from 'graphile-worker';
import { z } from 'zod';
import { withLogContext } from '../logger';
import { jobLogContext } from '../logging/job-log-context';
import { activateRun, applyEvents, type RunRow } from './apply-events';
import { HAND_OVER_FOR_MS, holdFor, type JobHold } from './hand-over';
import { applyWithoutLock } from './optimistic-apply';
import { loadDefinition } from './definitions';
import { TASKS } from './queue';
import { transaction, type RuntimeContext } from './runtime-context';
import { pgSql } from './sql';
import { executeStep } from './execute-step';
import { startQueuedRuns } from './trigger-run';

const stepPayload = z.object({ runId: z.string(), nodeId: z.string(), attempt: z.number().int() });
const timerPayload = z.object({ runId: z.string(), timerId: z.string() });
// { runId } is the payload of start jobs enqueued before they became per workflow.
const startPayload = z.union([
  z.object({ workflowId: z.string() }),
  z.object({ runId: z.string() }),
]);
const activatePayload = z.object({ runId: z.string() });
const childDonePayload = z.object({ parentRunId: z.string(), event: z.custom<RunEvent>() });

/**
 * Runs one attempt of one step. The step runs outside any transaction (it may call the
 * network for minutes); its result is then applied, in one guarded statement when nothing
 * else changed the run meanwhile (optimistic-apply.ts), else in a transaction holding the
 * run's lock. A duplicate delivery finds the attempt no longer scheduled and does nothing,
 * so no completed step runs twice. When that statement hands the run's next step to this
 * job (hand-over.ts), the task runs it too, from the state it saved.
 */
function stepTask(ctx: RuntimeContext): Task {
  return async (raw, helpers) => {
    const { runId, nodeId, attempt } = stepPayload.parse(raw);
    const run = await ctx.readRun(runId);
    const state = run?.state;
    if (!run || !state) return;
    const graph = indexGraph(await loadDefinition(pgSql(ctx.pool), run.versionId));
    const until = performance.now() + HAND_OVER_FOR_MS;
    let step: StepRef | undefined = { nodeId, attempt };
    while (step) {
      const hold = holdFor(helpers.job, helpers.abortSignal, until);
      const current: StepRef = step;
      step = await withLogContext({ runId, ...current }, () =>
        runAttempt(ctx, run, graph, current, helpers.abortSignal, hold),
      );
    }
  };
}

type StepRef = { nodeId: string; attempt: number };

/** One attempt of a step task; the step handed on to the task's job, if any. */
async function runAttempt(
  ctx: RuntimeContext,
  run: RunRow,
  graph: IndexedGraph,
  { nodeId, attempt }: StepRef,
  signal: AbortSignal,
  hold: JobHold | undefined,
): Promise<StepRef | undefined> {
  const state = run.state!;
  const index = graph.indexOf.get(nodeId);
  const nodeState = index === undefined ? undefined : state.nodes[index];
  if (index === undefined || !nodeState || nodeState.attempts !== attempt) return undefined;
  if (!isNodeActive(nodeState.status)) return undefined;
  const { timed } = await executeStep(ctx, { run, graph, state, index, attempt, signal });
  const saved = await applyWithoutLock(ctx, run, [timed], hold);
  if (!saved) {
    await transaction(ctx, (sql) => applyEvents(sql, ctx, run.id, [timed]));
    return undefined;
  }
  if (!hold?.next) return undefined;
  // This job alone holds the step handed to it, so the state just saved is where it stands.
  run.state = saved;
  run.status = saved.status;
  run.stateVersion += 1;
  return hold.next;
}

/** Every line a job logs names the run (and step attempt) it works on. */
function withJobLogContext(task: Task): Task {
  return (raw, helpers) => withLogContext(jobLogContext(raw), () => task(raw, helpers));
}

export function createTaskList(ctx: RuntimeContext): TaskList {
  const list: TaskList = {};
  for (const [name, task] of Object.entries(baseTaskList(ctx))) {
    if (task) list[name] = withJobLogContext(task);
  }
  return list;
}

function baseTaskList(ctx: RuntimeContext): TaskList {
  return {
    [TASKS.step]: stepTask(ctx),
    [TASKS.timer]: async (raw) => {
      const { runId, timerId } = timerPayload.parse(raw);
      await transaction(ctx, (sql) =>
        applyEvents(sql, ctx, runId, [{ event: { type: 'timerFired', timerId } }]),
      );
    },
    [TASKS.start]: async (raw) => {
      const payload = startPayload.parse(raw);
      await transaction(ctx, async (sql) => {
        const workflowId =
          'workflowId' in payload
            ? payload.workflowId
            : (
                await sql.query<{ workflowId: string }>(
                  'SELECT "workflowId" FROM "Run" WHERE id = $1',
                  [payload.runId],
                )
              )[0]?.workflowId;
        if (workflowId) await startQueuedRuns(sql, ctx, workflowId);
      });
    },
    [TASKS.activate]: async (raw) => {
      const { runId } = activatePayload.parse(raw);
      await transaction(ctx, (sql) => activateRun(sql, ctx, runId));
    },
    [TASKS.childDone]: async (raw) => {
      const { parentRunId, event } = childDonePayload.parse(raw);
      await transaction(ctx, (sql) => applyEvents(sql, ctx, parentRunId, [{ event }]));
    },
  };
}
