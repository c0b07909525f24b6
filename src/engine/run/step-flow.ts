import { DEFAULT_PORT } from '../definition/workflow.schema';
import { decideJoin } from '../graph/ready-steps';
import type { Draft } from './draft';
import type { NodeState } from './run-state';
import { delayTimer, stepTimeoutTimer } from './timer-id';

/** Node type whose output becomes the run's output (a webhook's response). */
export const RESPOND_TYPE = 'respond';

/** Hands attempt `attempt` of a node to the runtime, with its timeout timer if it has one. */
export function scheduleNode(d: Draft, index: number, attempt: number, notBefore: number): void {
  const node = d.graph.nodes[index];
  const state = d.node(index);
  const start = Math.max(d.now, notBefore);
  d.update(index, {
    status: 'scheduled',
    attempts: attempt,
    notBefore,
    startedAt: state.startedAt ?? start,
    delay: undefined,
    children: undefined,
  });
  d.emit({ type: 'scheduleStep', nodeId: state.id, attempt, notBefore });
  if (node?.timeoutMs !== undefined) {
    d.emit({
      type: 'startTimer',
      timerId: stepTimeoutTimer(state.id, attempt),
      at: start + node.timeoutMs,
    });
  }
}

/**
 * Cancels what the current attempt left pending: its timeout timer unless that is what just
 * fired, a delay timer, and child runs still going.
 */
export function releaseAttempt(d: Draft, index: number, timerThatFired?: string): void {
  const state = d.node(index);
  const node = d.graph.nodes[index];
  const timeout = stepTimeoutTimer(state.id, state.attempts);
  if (node?.timeoutMs !== undefined && timeout !== timerThatFired) {
    d.emit({ type: 'cancelTimer', timerId: timeout });
  }
  const delay = delayTimer(state.id, state.attempts);
  if (state.delay && delay !== timerThatFired) d.emit({ type: 'cancelTimer', timerId: delay });
  if (state.children && state.children.running > 0) {
    d.emit({ type: 'cancelChildRuns', nodeId: state.id, attempt: state.attempts });
  }
}

/**
 * Finishes a node through `port` (its out edges through other ports die) and lets the
 * change flow downstream. `status` is 'failed' only for a failure routed to the error port.
 */
export function finishNode(
  d: Draft,
  index: number,
  result: {
    output: unknown;
    port?: string;
    status?: 'succeeded' | 'failed';
    error?: NodeState['error'];
  },
  timerThatFired?: string,
): void {
  releaseAttempt(d, index, timerThatFired);
  const port = result.port ?? DEFAULT_PORT;
  const patch: Partial<NodeState> = {
    status: result.status ?? 'succeeded',
    output: result.output,
    port,
    finishedAt: d.now,
    delay: undefined,
    children: undefined,
  };
  if (result.error) patch.error = result.error;
  const state = d.update(index, patch);
  d.recordAttempt(index, state.status === 'failed' ? 'failed' : 'succeeded', {
    output: state.output,
    ...(result.error ? { error: result.error } : {}),
    port,
  });
  if (d.graph.nodes[index]?.type === RESPOND_TYPE && state.status === 'succeeded') {
    d.run.respond = { nodeId: state.id, output: state.output };
  }
  resolveOutgoing(d, index, port);
}

/**
 * Resolves the out edges of a finished node and applies the join rule to each target.
 * Skips cascade through a worklist rather than recursion: a long skipped chain must not
 * overflow the stack.
 */
function resolveOutgoing(d: Draft, index: number, takenPort: string | undefined): void {
  const work: { index: number; port: string | undefined }[] = [{ index, port: takenPort }];
  for (let item = work.pop(); item; item = work.pop()) {
    for (const edge of d.graph.outgoing[item.index] ?? []) {
      const live = item.port !== undefined && edge.port === item.port;
      const target = d.node(edge.to);
      const unresolved = target.unresolved - 1;
      const liveCount = target.live + (live ? 1 : 0);
      // A 'first' merge that already ran, or any node of a finished run, only keeps count.
      if (target.status !== 'pending') {
        d.update(edge.to, { unresolved, live: liveCount });
        continue;
      }
      const decision = decideJoin(d.graph.joinModes[edge.to] ?? 'all', unresolved, liveCount);
      if (decision === 'wait') {
        d.update(edge.to, { unresolved, live: liveCount });
      } else if (decision === 'run') {
        d.update(edge.to, { unresolved, live: liveCount });
        scheduleNode(d, edge.to, 1, d.now);
      } else {
        d.update(edge.to, { unresolved, live: liveCount, status: 'skipped', finishedAt: d.now });
        work.push({ index: edge.to, port: undefined });
      }
    }
  }
}
