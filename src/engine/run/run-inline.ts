import type { WorkflowDefinition } from '../definition/workflow.schema';
import { indexGraph, type IndexedGraph } from '../graph/indexed-graph';
import type { StepRegistry } from '../steps/step-type';
import { advance } from './advance';
import { attemptKey, type AttemptRecord } from './attempt-record';
import type { RunCommand } from './commands';
import { DetachedRuns } from './detached-runs';
import type { AdvanceEnv } from './draft';
import type { RunEvent } from './events';
import type { RunState } from './run-state';
import { summarizeRun, type InlineRunResult } from './inline-result';
import { runStep, type StepPorts } from './run-step';
import { startRun } from './start-run';
import { predecessorOutputs } from './step-inputs';

export type { InlineRunResult, InlineStepSummary } from './inline-result';
export type { InlineDetachedRun } from './detached-runs';

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
  /**
   * Aborting it cancels the run and every detached child run in its tree, even after the run
   * itself has finished. An Error or string reason becomes the cancellation message.
   */
  signal?: AbortSignal;
  /**
   * Child runs started with `wait: false` outlive the run: by default the promise resolves
   * as soon as the run is final, while they may still be going. With this set it resolves
   * once every detached run in the tree has ended too, and the result lists them. With
   * `timeoutMs`, the ones still going at the run's deadline are cancelled.
   */
  awaitDetached?: boolean;
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
  /** Every attempt's record as `advance` reported it, in order: the run's step history. */
  private readonly attempts: AttemptRecord[] = [];
  /** Where each waiting attempt's record sits in `attempts`, to replace it when it ends. */
  private readonly waitingAt = new Map<string, number>();
  private readonly steps = new Map<string, AbortController>();
  private readonly timers = new Map<string, AbortController>();
  /** Children the steps wait for, by `nodeId:attempt`. */
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
    /** Shared by the whole tree: the root cancels and waits for them. */
    private readonly detached = new DetachedRuns(),
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
    const root = this.depth === 0;
    const onAbort = () => {
      const reason: unknown = signal?.reason;
      this.dispatch({ type: 'cancelRequested', reason: abortMessage(reason) });
      if (root) this.detached.cancel(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    this.dispatch({ type: 'runStarted', input: this.options.input });
    if (signal?.aborted) onAbort();
    const stopListening = () => signal?.removeEventListener('abort', onAbort);
    if (!root) return result.finally(stopListening);
    // The root's signal keeps cancelling detached runs until the last one has ended.
    void result
      .catch(() => undefined)
      .then(() => this.detached.settled())
      .finally(stopListening);
    if (!this.options.awaitDetached) return result;
    return result.then(async (final) => {
      await this.waitForDetached();
      return { ...final, detached: this.detached.list() };
    });
  }

  /** Until every detached run has ended, or the run's own deadline when it has one. */
  private async waitForDetached(): Promise<void> {
    const { timeoutMs } = this.options;
    if (timeoutMs === undefined || this.detached.running === 0) {
      return this.detached.settled();
    }
    const clock = this.options.ports.clock;
    const startedAt = this.state.startedAt ?? this.state.createdAt;
    const left = Math.max(0, startedAt + timeoutMs - clock.now());
    const stopDeadline = new AbortController();
    const deadline = this.options.ports.timer.sleep(left, stopDeadline.signal).then(() => {
      if (stopDeadline.signal.aborted) return;
      this.detached.cancel(new Error(`Run timed out after ${timeoutMs} ms`));
    });
    await this.detached.settled();
    stopDeadline.abort();
    await deadline;
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
      this.recordAttempts(next.attempts);
      this.options.onEvent?.(event, this.state);
      for (const command of next.commands) this.execute(command);
    } catch (err) {
      this.done = true;
      this.stopAll();
      // A broken root leaves nobody to answer for its detached runs.
      if (this.depth === 0) this.detached.cancel(err);
      this.fail(err);
    }
  }

  private recordAttempts(records: AttemptRecord[]): void {
    for (const record of records) {
      // A later report of a waiting attempt replaces the earlier one.
      const key = attemptKey(record.nodeId, record.attempt);
      const prior = this.waitingAt.get(key);
      this.waitingAt.delete(key);
      if (prior === undefined) this.attempts.push(record);
      else this.attempts[prior] = record;
      if (record.status === 'waiting') this.waitingAt.set(key, prior ?? this.attempts.length - 1);
      const produced = record.status === 'succeeded' || record.status === 'failed';
      if (produced && record.output !== undefined) this.outputs[record.nodeId] = record.output;
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
        this.finish(summarizeRun(this.state, command, this.attempts, this.revealed));
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
        predecessors: predecessorOutputs(this.graph, this.outputs, index),
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

  private startChild(command: ChildCommand): void {
    const runId = `${this.state.runId}/${command.nodeId}[${command.index}]`;
    if (command.detached) {
      const { nodeId, index, workflowId } = command;
      this.detached.start({ runId, nodeId, index, workflowId }, (signal) =>
        this.runChild(command, runId, signal),
      );
      return;
    }
    const key = `${command.nodeId}:${command.attempt}`;
    const controller = new AbortController();
    this.children.set(key, [...(this.children.get(key) ?? []), controller]);
    const base = { nodeId: command.nodeId, attempt: command.attempt, index: command.index };
    void this.runChild(command, runId, controller.signal).then(
      (result) =>
        this.dispatch({
          type: 'childRunFinished',
          ...base,
          status: result.status,
          output: result.output,
          error: result.error,
        }),
      (err: unknown) =>
        this.dispatch({
          type: 'childRunFinished',
          ...base,
          status: 'failed',
          error: { message: (err as Error).message },
        }),
    );
  }

  /** Rejects when the child cannot start: no resolver, too deep, or no such workflow. */
  private async runChild(
    command: ChildCommand,
    runId: string,
    signal: AbortSignal,
  ): Promise<InlineRunResult> {
    const { resolveWorkflow, maxDepth = DEFAULT_MAX_DEPTH } = this.options;
    if (!resolveWorkflow) throw new Error('This runner cannot start child workflows');
    if (this.depth + 1 > maxDepth) throw new Error(`Child runs nest deeper than ${maxDepth}`);
    const workflow = await resolveWorkflow(command.workflowId);
    const child = new InlineRun(
      {
        ...this.options,
        workflow,
        input: command.input,
        runId,
        workflowId: command.workflowId,
        signal,
        vars: undefined,
        timeoutMs: undefined,
        awaitDetached: undefined,
        onEvent: undefined,
      },
      this.depth + 1,
      this.detached,
    );
    return child.run();
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

/** What a cancelled run says: the abort reason's message when it has one. */
function abortMessage(reason: unknown): string {
  if (reason instanceof Error && reason.message) return reason.message;
  if (typeof reason === 'string' && reason) return reason;
  return 'aborted';
}
