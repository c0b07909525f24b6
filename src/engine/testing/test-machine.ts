import type { WorkflowDefinition } from '../definition/workflow.schema';
import { advance } from '../run/advance';
import type { RunCommand } from '../run/commands';
import type { RunEvent } from '../run/events';
import { findNode, type NodeState, type RunState } from '../run/run-state';
import { startRun, type StartRunOptions } from '../run/start-run';

/**
 * Drives `advance` by hand in tests: send events, look at commands and node states.
 * (Test support only; not exported from the engine.)
 */
export function testMachine(
  workflow: WorkflowDefinition,
  options: Partial<StartRunOptions> & { random?: () => number } = {},
) {
  let now = options.now ?? 0;
  let state = startRun({ workflow, runId: 'r1', workflowId: 'w1', now, ...options });
  const random = options.random ?? (() => 0.5);
  const all: RunCommand[] = [];
  return {
    send(event: RunEvent, at?: number): RunCommand[] {
      if (at !== undefined) now = at;
      const result = advance(state, event, { now, random, workflow });
      state = result.state;
      all.push(...result.commands);
      return result.commands;
    },
    /** Shorthand for the events most tests send. */
    start(input?: unknown) {
      return this.send({ type: 'runStarted', input });
    },
    ok(nodeId: string, output: unknown = nodeId, port?: string, attempt = 1) {
      return this.send({
        type: 'stepSucceeded',
        nodeId,
        attempt,
        output,
        ...(port ? { port } : {}),
      });
    },
    fail(nodeId: string, message = 'boom', attempt = 1, retryable?: boolean) {
      return this.send({
        type: 'stepFailed',
        nodeId,
        attempt,
        error: { message, ...(retryable === undefined ? {} : { retryable }) },
      });
    },
    get state(): RunState {
      return state;
    },
    get now() {
      return now;
    },
    set now(value: number) {
      now = value;
    },
    node(id: string): NodeState {
      const node = findNode(state, id);
      if (!node) throw new Error(`no node ${id}`);
      return node;
    },
    status(id: string) {
      return this.node(id).status;
    },
    commands: all,
  };
}

export function scheduled(commands: RunCommand[]): string[] {
  return commands.flatMap((c) => (c.type === 'scheduleStep' ? [c.nodeId] : []));
}
