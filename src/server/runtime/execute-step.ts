import {
  predecessorOutputs,
  runStep,
  stepOutputs,
  type IndexedGraph,
  type RunState,
} from '@/engine';
import type { RuntimeContext } from './runtime-context';
import type { TimedEvent } from './runtime-types';
import { captureStep } from './step-capture';

export interface StepAttempt {
  run: { id: string; workflowId: string };
  graph: IndexedGraph;
  state: RunState;
  index: number;
  attempt: number;
  signal?: AbortSignal;
}

/**
 * Runs one attempt of one step with the server's ports, inline in a transaction or in a
 * worker's job alike: the event it ends with, timed, its secrets masked, with the params it
 * resolved and what it logged for the attempt's record.
 */
export async function executeStep(
  ctx: RuntimeContext,
  { run, graph, state, index, attempt, signal }: StepAttempt,
): Promise<{ timed: TimedEvent; revealed: ReadonlySet<string> }> {
  const node = graph.nodes[index]!;
  const steps = stepOutputs(state);
  const startedAt = ctx.now();
  const rules = await ctx.ports.masking(run.workflowId);
  const capture = captureStep(ctx.ports.forRun(run, node.id), ctx.now, rules);
  const event = await runStep({
    registry: ctx.registry,
    node,
    attempt,
    run: { id: run.id, workflowId: run.workflowId, attempt: state.attempt },
    input: state.input,
    steps,
    predecessors: predecessorOutputs(graph, steps, index),
    vars: state.vars,
    ports: capture.ports,
    ...(signal ? { signal } : {}),
    onSecret: capture.onSecret,
    onParams: capture.onParams,
    onCacheHit: capture.onCacheHit,
  });
  return { timed: capture.finish(event, startedAt, ctx.now()), revealed: capture.revealed };
}
