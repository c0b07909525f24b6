import type { WorkflowDefinition } from '../definition/workflow.schema';
import { indexGraph, type IndexedGraph } from '../graph/indexed-graph';
import type { StepRegistry } from '../steps/step-type';
import { advance } from './advance';
import type { RunCommand } from './commands';
import type { AdvanceEnv } from './draft';
import type { RunEvent } from './events';
import type { RunState } from './run-state';
import { summarizeRun, type InlineRunResult } from './inline-result';
import { runStep, type StepPorts } from './run-step';
import { startRun } from './start-run';
import { parseTimerId } from './timer-id';

export type { InlineRunResult, InlineStepSummary } from './inline-result';

export interface InlineRunOptions {
  workflow: WorkflowDefinition;
  registry: StepRegistry;
  /** `timer` is required here: retries, delays and timers all wait through it. */
  ports: StepPorts & { timer: NonNullable<StepPorts['timer']> };
  input?: unknown;
  runId?: string;
  workflowId?: string;
  vars?: Record<string, unknown>;
  /** Fails the run when it takes longer. */
  timeoutMs?: number;
  /** Aborting it cancels the run. */
  signal?: AbortSignal;
  /** Finds the workflow a for-each or sub-workflow step runs. */
  resolveWorkflow?: (workflowId: string) => WorkflowDefinition | Promise<WorkflowDefinition>;
  /** Nesting limit for child runs, against a workflow that calls itself forever. */
  maxDepth?: number;
  /**
   * Sees every applied event and the state it led to (progress output, tests). The state is
   * updated in place by later events: copy what you keep.
   */
  onEvent?: (event: RunEvent, state: RunState) => void;
}

const DEFAULT_MAX_DEPTH = 10;

/**
 * Runs a whole workflow in this process: `advance` decides, this loop carries the commands
 * out (steps concurrently, timers through the injected timer, child runs recursively). For
 * the CLI, the test runner and benchmarks; the server's runtime does the same durably.
 */
export function runInline(options: InlineRunOptions): Promise<InlineRunResult> {
  return new InlineRun(options, 0).run();
}

type ChildCommand = Extract<RunCommand, { type: 'startChildRun' }>;

class InlineRun {
  private state: RunState;
  private readonly graph: IndexedGraph;
  /** Outputs so far by node id: what expressions see as `steps`. */
  private readonly outputs: Record<string, unknown> = {};
  private readonly steps = new Map<string, AbortController>();
  private readonly timers = new Map<string, AbortController>();
  private readonly children = new Map<string, AbortController[]>();
  /** Aborted when the run ends: stops every step still going. */
  private readonly runAbort = new AbortController();
  /** Secret values expressions read: masked in the result, which callers store and show. */
  private readonly revealed = new Set<string>();
  private finish: (result: InlineRunResult) => void = () => undefined;
  private fail: (err: unknown) => void = () => undefined;
  private done = false;

  constructor(
    private readonly options: InlineRunOptions,
    private readonly depth: number,
  ) {
    this.graph = indexGraph(options.workflow);
    this.state = startRun({
      workflow: options.workflow,
      runId: options.runId ?? 'inline-run',
      workflowId: options.workflowId ?? options.workflow.name,
      now: options.ports.clock.now(),
      ...(options.vars ? { vars: options.vars } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  run(): Promise<InlineRunResult> {
    const result = new Promise<InlineRunResult>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
    const signal = this.options.signal;
    const onAbort = () => this.dispatch({ type: 'cancelRequested', reason: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
    this.dispatch({ type: 'runStarted', input: this.options.input });
    if (signal?.aborted) onAbort();
    return result.finally(() => signal?.removeEventListener('abort', onAbort));
  }

  private env(): AdvanceEnv {
    const random = this.options.ports.random;
    return {
      now: this.options.ports.clock.now(),
      // Without a random port, retries wait the full backoff (no jitter).
      random: random ? () => random.next() : () => 0,
      workflow: this.options.workflow,
      // Only the latest state is ever read here.
      inPlace: true,
    };
  }

  /** Events arrive one at a time: every caller is an async continuation, never re-entrant. */
  private dispatch(event: RunEvent): void {
    if (this.done) return;
    try {
      const next = advance(this.state, event, this.env());
      if (next.state === this.state) return;
      this.state = next.state;
      this.recordOutput(event);
      this.options.onEvent?.(event, this.state);
      for (const command of next.commands) this.execute(command);
    } catch (err) {
      this.done = true;
      this.stopAll();
      this.fail(err);
    }
  }

  private recordOutput(event: RunEvent): void {
    let nodeId: string | undefined;
    if ('nodeId' in event) nodeId = event.nodeId;
    else if (event.type === 'timerFired') {
      const timer = parseTimerId(event.timerId);
      if (timer && timer.kind !== 'runTimeout') nodeId = timer.nodeId;
    }
    const index = nodeId === undefined ? undefined : this.graph.indexOf.get(nodeId);
    const node = index === undefined ? undefined : this.state.nodes[index];
    if (node && node.output !== undefined && ['succeeded', 'failed'].includes(node.status)) {
      this.outputs[node.id] = node.output;
    }
  }

  private execute(command: RunCommand): void {
    switch (command.type) {
      case 'scheduleStep':
        void this.runScheduled(command.nodeId, command.attempt, command.notBefore);
        return;
      case 'cancelStep':
        this.steps.get(`${command.nodeId}:${command.attempt}`)?.abort();
        return;
      case 'startTimer':
        this.startTimer(command.timerId, command.at);
        return;
      case 'cancelTimer':
        this.timers.get(command.timerId)?.abort();
        this.timers.delete(command.timerId);
        return;
      case 'startChildRun':
        void this.startChild(command);
        return;
      case 'cancelChildRuns':
        for (const child of this.children.get(`${command.nodeId}:${command.attempt}`) ?? []) {
          child.abort();
        }
        return;
      case 'finishRun':
        this.done = true;
        this.stopAll();
        this.finish(summarizeRun(this.state, command, this.revealed));
        return;
    }
  }

  private async runScheduled(nodeId: string, attempt: number, notBefore: number): Promise<void> {
    const index = this.graph.indexOf.get(nodeId);
    const node = index === undefined ? undefined : this.graph.nodes[index];
    if (index === undefined || !node) return;
    // Only a step with a timeout (or a pending retry) can be cancelled on its own; the rest
    // share the run's signal, which spares an AbortController per step on the hot path.
    const wait = notBefore - this.options.ports.clock.now();
    const own = node.timeoutMs !== undefined || wait > 0 ? new AbortController() : undefined;
    const key = `${nodeId}:${attempt}`;
    if (own) this.steps.set(key, own);
    // stopAll aborts every own controller, so none needs a listener on the run's signal.
    const signal = own ? own.signal : this.runAbort.signal;
    try {
      if (wait > 0) await this.options.ports.timer.sleep(wait, signal);
      if (signal.aborted) return;
      // 'running' is only observable through onEvent, and restarting the engine's timeout
      // only matters with one: skip the extra advance otherwise.
      if (this.options.onEvent || node.timeoutMs !== undefined) {
        this.dispatch({ type: 'stepStarted', nodeId, attempt });
      }
      const event = await runStep({
        registry: this.options.registry,
        node,
        attempt,
        run: {
          id: this.state.runId,
          workflowId: this.state.workflowId,
          attempt: this.state.attempt,
        },
        input: this.state.input,
        steps: this.outputs,
        predecessors: this.predecessorOutputs(index),
        vars: this.state.vars,
        ports: this.options.ports,
        signal,
        onSecret: (_name, value) => this.revealed.add(value),
      });
      this.dispatch(event);
    } finally {
      if (own) this.steps.delete(key);
    }
  }

  private predecessorOutputs(index: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const edge of this.graph.incoming[index] ?? []) {
      const id = this.graph.nodes[edge.from]?.id;
      if (id !== undefined && id in this.outputs) out[id] = this.outputs[id];
    }
    return out;
  }

  private startTimer(timerId: string, at: number): void {
    this.timers.get(timerId)?.abort();
    const controller = new AbortController();
    this.timers.set(timerId, controller);
    const wait = Math.max(0, at - this.options.ports.clock.now());
    void this.options.ports.timer.sleep(wait, controller.signal).then(() => {
      if (controller.signal.aborted || this.timers.get(timerId) !== controller) return;
      this.timers.delete(timerId);
      this.dispatch({ type: 'timerFired', timerId });
    });
  }

  private async startChild(command: ChildCommand): Promise<void> {
    const key = `${command.nodeId}:${command.attempt}`;
    const controller = new AbortController();
    if (!command.detached) this.children.set(key, [...(this.children.get(key) ?? []), controller]);
    const report = (event: Omit<Extract<RunEvent, { type: 'childRunFinished' }>, 'type'>) => {
      if (!command.detached) this.dispatch({ type: 'childRunFinished', ...event });
    };
    const base = { nodeId: command.nodeId, attempt: command.attempt, index: command.index };
    try {
      const { resolveWorkflow, maxDepth = DEFAULT_MAX_DEPTH } = this.options;
      if (!resolveWorkflow) throw new Error('This runner cannot start child workflows');
      if (this.depth + 1 > maxDepth) throw new Error(`Child runs nest deeper than ${maxDepth}`);
      const workflow = await resolveWorkflow(command.workflowId);
      const child = new InlineRun(
        {
          ...this.options,
          workflow,
          input: command.input,
          runId: `${this.state.runId}/${command.nodeId}[${command.index}]`,
          workflowId: command.workflowId,
          signal: controller.signal,
          vars: undefined,
          timeoutMs: undefined,
          onEvent: undefined,
        },
        this.depth + 1,
      );
      const result = await child.run();
      report({ ...base, status: result.status, output: result.output, error: result.error });
    } catch (err) {
      report({ ...base, status: 'failed', error: { message: (err as Error).message } });
    }
  }

  /** The run is over: nothing it started may keep running or report back. */
  private stopAll(): void {
    this.runAbort.abort();
    for (const controller of this.steps.values()) controller.abort();
    for (const controller of this.timers.values()) controller.abort();
    for (const list of this.children.values()) list.forEach((c) => c.abort());
    this.timers.clear();
  }
}
