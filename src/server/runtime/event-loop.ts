import {
  advance,
  indexGraph,
  maskSecrets,
  type IndexedGraph,
  type RunCommand,
  type RunState,
  type WorkflowDefinition,
} from '@/engine';
import { countRunFinished } from '../metrics/run-counters';
import { cancelChildRuns, startChildRun, type ApplyEvents } from './child-runs';
import type { NewRun } from './create-run-row';
import { executeStep } from './execute-step';
import { takeHandOver, type JobHold } from './hand-over';
import { childDoneJob, promoteQueuedRun } from './on-run-finished';
import { removeJob, TASKS, timerJobKey, type JobSpec } from './queue';
import type { RuntimeContext } from './runtime-context';
import type { LockedRun, TimedEvent } from './runtime-types';
import { runNotice, saveRun, type FreshRunGuard, type RunWrite } from './save-run';
import { canSaveTogether } from './unlocked-saves';
import type { Sql } from './sql';
import { mergeStepRecords, stepRecord, type StepRecord } from './step-records';

/** The share of the transaction's time limit inline steps may use. */
const INLINE_BUDGET = 0.5;

/** Retry from a failed step: what the steps that succeeded in the original run produced. */
export type ReusedOutputs = Map<string, { output: unknown; port?: string }>;

export interface EventLoopOptions {
  reuse?: ReusedOutputs;
  /** Set when the run row does not exist yet: it is inserted with its first state. */
  fresh?: NewRun;
  /**
   * Without the run's row lock (see optimistic-apply.ts): the save is guarded by the state
   * version read (or, for a fresh run, by what its workflow was), and anything that would
   * need more statements than the save gives up with NeedsLockError.
   */
  optimistic?: { expectedVersion?: number; guard?: FreshRunGuard; hold?: JobHold };
}

/** An optimistic event loop met work it cannot do in a single guarded statement. */
export class NeedsLockError extends Error {
  constructor(what: string) {
    super(`${what} needs the run's row lock`);
    this.name = 'NeedsLockError';
  }
}

/** An optimistic save found the run (or its workflow) changed since it was read. */
export class StaleRunError extends Error {
  constructor(runId: string) {
    super(`Run ${runId} changed meanwhile`);
    this.name = 'StaleRunError';
  }
}

/**
 * The heart of the durable runtime, in the caller's transaction with the run's row locked:
 * apply the events with the engine's `advance`, run cheap pure steps inline right away,
 * carry out every other command durably (step jobs, timer jobs, child runs), then save the
 * state, the attempt records `advance` returned, the jobs and a NOTIFY in one statement.
 */
export class EventLoop {
  private readonly graph: IndexedGraph;
  private readonly jobs = new Map<string, JobSpec | 'remove'>();
  private readonly records = new Map<string, StepRecord>();
  private readonly revealed = new Set<string>();
  private finish: Extract<RunCommand, { type: 'finishRun' }> | undefined;
  private anonymousJobs = 0;
  /** Past this instant, steps go to the queue instead of running inline (see schedule). */
  private readonly inlineUntil: number;

  constructor(
    private readonly sql: Sql,
    private readonly ctx: RuntimeContext,
    private readonly run: LockedRun,
    private readonly workflow: WorkflowDefinition,
    private state: RunState,
    private readonly applyEvents: ApplyEvents,
    private readonly options: EventLoopOptions = {},
  ) {
    this.graph = indexGraph(workflow);
    this.inlineUntil = ctx.now() + ctx.limits.transactionTimeoutMs * INLINE_BUDGET;
  }

  async process(initial: TimedEvent[]): Promise<RunState> {
    const pending = [...initial];
    while (pending.length > 0) {
      const timed = pending.shift()!;
      const event = this.revealed.size ? maskSecrets(timed.event, this.revealed) : timed.event;
      const result = advance(this.state, event, {
        now: this.ctx.now(),
        random: this.ctx.random,
        workflow: this.workflow,
        inPlace: true,
      });
      this.state = result.state;
      for (const attempt of result.attempts) this.keep(stepRecord(attempt, { ...timed, event }));
      for (const command of result.commands) {
        const next = await this.execute(command);
        if (next) pending.push(next);
      }
    }
    await this.save();
    return this.state;
  }

  private keep(record: StepRecord): void {
    const key = `${record.nodeId}:${record.attempt}`;
    this.records.set(key, mergeStepRecords(this.records.get(key), record));
  }

  /** Carries out one command; an inline step's result comes back as the next event. */
  private async execute(command: RunCommand): Promise<TimedEvent | undefined> {
    switch (command.type) {
      case 'scheduleStep':
        return this.schedule(command.nodeId, command.attempt, command.notBefore);
      case 'startTimer':
        this.jobs.set(timerJobKey(this.run.id, command.timerId), {
          task: TASKS.timer,
          payload: { runId: this.run.id, timerId: command.timerId },
          runAt: new Date(command.at),
          jobKey: timerJobKey(this.run.id, command.timerId),
        });
        return undefined;
      case 'cancelTimer':
        this.jobs.set(timerJobKey(this.run.id, command.timerId), 'remove');
        return undefined;
      case 'startChildRun': {
        this.requireLock('Starting a child run');
        const started = await startChildRun(this.sql, this.ctx, this.run, command);
        if (started.job) this.addJob(started.job);
        return started.event;
      }
      case 'cancelChildRuns':
        this.requireLock('Cancelling child runs');
        await cancelChildRuns(this.sql, this.ctx, this.run.id, command, this.applyEvents);
        return undefined;
      case 'cancelStep':
        // A running attempt's result arrives stale and is ignored by the engine.
        return undefined;
      case 'finishRun':
        this.finish = command;
        return undefined;
    }
  }

  private requireLock(what: string): void {
    if (this.options.optimistic) throw new NeedsLockError(what);
  }

  private addJob(job: JobSpec): void {
    this.jobs.set(job.jobKey ?? `job:${this.anonymousJobs++}`, job);
  }

  private async schedule(nodeId: string, attempt: number, notBefore: number) {
    const index = this.graph.indexOf.get(nodeId);
    const node = index === undefined ? undefined : this.graph.nodes[index];
    if (index === undefined || !node) return undefined;
    const reused = this.options.reuse?.get(nodeId);
    if (reused) {
      return {
        event: {
          type: 'stepSucceeded',
          nodeId,
          attempt,
          output: reused.output,
          ...(reused.port ? { port: reused.port } : {}),
        },
      } satisfies TimedEvent;
    }
    const type = this.ctx.registry.get(node.type);
    const now = this.ctx.now();
    // A long chain of inline steps carries on through the queue rather than outlive the
    // transaction's time limit, which would roll all of it back on every retry.
    if (type?.inline && notBefore <= now && now < this.inlineUntil) {
      const { timed, revealed } = await executeStep(this.ctx, {
        run: this.run,
        graph: this.graph,
        state: this.state,
        index,
        attempt,
      });
      for (const secret of revealed) this.revealed.add(secret);
      return timed;
    }
    this.addJob({
      task: TASKS.step,
      payload: { runId: this.run.id, nodeId, attempt },
      ...(notBefore > now ? { runAt: new Date(notBefore) } : {}),
      priority: this.run.priority,
    });
    return undefined;
  }

  private async save(): Promise<void> {
    const { sql, run, state } = this;
    const finished = this.finish;
    const adds: JobSpec[] = [];
    for (const [key, job] of this.jobs) {
      if (job === 'remove') {
        this.requireLock('Removing a timer job');
        await removeJob(sql, key);
      } else adds.push(job);
    }
    const childDone = finished ? childDoneJob(run, finished) : undefined;
    if (childDone) adds.push(childDone);
    // A finished run frees a concurrency slot; only workflows with a limit queue runs.
    const promotes = finished !== undefined && run.concurrencyLimit !== null;
    if (promotes) this.requireLock('Promoting a queued run');
    const { fresh, optimistic } = this.options;
    const hold = optimistic?.hold;
    const handed = hold && !finished ? takeHandOver(adds) : undefined;
    const write: RunWrite = {
      run,
      state,
      finished,
      records: this.records.values(),
      jobs: adds,
      now: this.ctx.now(),
      ...(fresh ? { fresh } : {}),
      ...(optimistic?.expectedVersion !== undefined
        ? { expectedVersion: optimistic.expectedVersion }
        : {}),
      ...(optimistic?.guard ? { guard: optimistic.guard } : {}),
      ...(hold && handed ? { handOver: { hold, job: handed } } : {}),
      noticeAfterCommit: optimistic !== undefined,
    };
    // An optimistic write commits by itself, on the pool: it may share a statement.
    const { saved, handedOver } = canSaveTogether(write)
      ? await this.ctx.saveUnlocked(write)
      : await saveRun(sql, write);
    if (!saved) throw new StaleRunError(run.id);
    if (hold && handed && handedOver) {
      const { nodeId, attempt } = handed.payload as { nodeId: string; attempt: number };
      hold.next = { nodeId, attempt };
    }
    // Its one statement has committed: the notice follows (after-commit-notices.ts).
    if (optimistic) this.ctx.notices.send(runNotice(run, state));
    if (finished) countRunFinished(run.workflowId, finished.status);
    if (promotes) await promoteQueuedRun(sql, run.workflowId);
  }
}
