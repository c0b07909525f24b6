import { randomUUID } from 'node:crypto';
import {
  advance,
  indexGraph,
  isRunFinal,
  maskSecrets,
  runStep,
  startRun,
  type RunCommand,
  type RunState,
  type WorkflowDefinition,
} from '@/engine';
import { loadDefinition } from './definitions';
import { removeJob, TASKS, timerJobKey, type JobSpec } from './queue';
import type { RuntimeContext } from './runtime-context';
import { recordFor, reportsLiveAttempt } from './record-for';
import type { StepRecord } from './step-records';
import { cancelChildRuns, startChildRun } from './child-runs';
import { childDoneJob, promoteQueuedRun } from './on-run-finished';
import { saveRun } from './save-run';
import { countRunFinished } from '../metrics/run-counters';
import { captureStep } from './step-capture';
import { createRunRow, type NewRun } from './create-run-row';
import type { LockedRun, TimedEvent } from './runtime-types';
import { asSql, type Sql, type SqlLike } from './sql';

export type { LockedRun, TimedEvent } from './runtime-types';

const SPAWNS_CHILDREN = new Set(['forEach', 'subWorkflow']);

/** Steps that succeeded in a run, with what they produced (for retry from a failed step). */
async function reusableSteps(sql: Sql, runId: string) {
  const rows = await sql.query<{ state: RunState | null }>(
    'SELECT state FROM "Run" WHERE id = $1',
    [runId],
  );
  const state = rows[0]?.state;
  const reuse = new Map<string, { output: unknown; port?: string }>();
  for (const node of state?.nodes ?? []) {
    if (node.status === 'succeeded') {
      reuse.set(node.id, { output: node.output, ...(node.port ? { port: node.port } : {}) });
    }
  }
  return reuse;
}

/** Outputs of finished nodes by id: what expressions see as `steps`. */
export function outputsOf(state: RunState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const node of state.nodes) {
    if (node.output !== undefined && (node.status === 'succeeded' || node.status === 'failed')) {
      out[node.id] = node.output;
    }
  }
  return out;
}

/**
 * The heart of the durable runtime. In the caller's transaction: lock the run, apply the
 * events with the engine's `advance`, run cheap pure steps inline right away, and carry
 * out every other command durably (step jobs, timer jobs, child runs), then save the
 * state, the step records and a NOTIFY — all or nothing.
 */
interface RunRow extends LockedRun {
  status: string;
  input: unknown;
  timeoutMs: number | null;
  state: RunState | null;
}

/** Locks the run's row for the rest of the transaction and reads what the runtime needs. */
async function lockRun(sql: Sql, runId: string): Promise<RunRow | undefined> {
  const rows = await sql.query<RunRow>(
    `SELECT id, "workspaceId", "workflowId", "versionId", priority, "parentRunId", "parentNodeId",
       "parentAttempt", "parentIndex", ("startedAt" IS NOT NULL) AS started, "retryOfId",
       "reuseOutputs", status::text AS status, input, "timeoutMs", state,
       (SELECT "concurrencyLimit" FROM "Workflow" w WHERE w.id = r."workflowId") AS "concurrencyLimit"
     FROM "Run" r WHERE id = $1 FOR UPDATE`,
    [runId],
  );
  return rows[0];
}

async function runLoop(
  sql: Sql,
  ctx: RuntimeContext,
  run: LockedRun,
  state: RunState,
  events: TimedEvent[],
  fresh?: NewRun,
) {
  const workflow = await loadDefinition(sql, run.versionId);
  const reuse =
    run.reuseOutputs && run.retryOfId ? await reusableSteps(sql, run.retryOfId) : undefined;
  return new EventLoop(sql, ctx, run, workflow, state, reuse, fresh).process(events);
}

export async function applyEvents(
  tx: SqlLike,
  ctx: RuntimeContext,
  runId: string,
  events: TimedEvent[],
): Promise<RunState | null> {
  const sql = asSql(tx);
  const run = await lockRun(sql, runId);
  if (!run?.state) return null;
  if (isRunFinal(run.state.status)) return run.state;
  return runLoop(sql, ctx, run, run.state, events);
}

class EventLoop {
  private readonly graph;
  private readonly jobs = new Map<string, JobSpec | 'remove'>();
  private readonly records = new Map<string, StepRecord>();
  private readonly revealed = new Set<string>();
  private finish: Extract<RunCommand, { type: 'finishRun' }> | undefined;
  private anonymousJobs = 0;

  constructor(
    private readonly sql: Sql,
    private readonly ctx: RuntimeContext,
    private readonly run: LockedRun,
    private readonly workflow: WorkflowDefinition,
    private state: RunState,
    /** Retry from the failed step: outputs of steps that succeeded in the original run. */
    private readonly reuse?: Map<string, { output: unknown; port?: string }>,
    /** Set when the run row does not exist yet: it is inserted with its first state. */
    private readonly fresh?: NewRun,
  ) {
    this.graph = indexGraph(workflow);
  }

  async process(initial: TimedEvent[]): Promise<RunState> {
    const pending = [...initial];
    while (pending.length > 0) {
      const timed = pending.shift()!;
      const event = this.revealed.size ? maskSecrets(timed.event, this.revealed) : timed.event;
      // Before advance, which updates the state in place.
      const live = reportsLiveAttempt(this.state, this.graph, event);
      const result = advance(this.state, event, {
        now: this.ctx.now(),
        random: this.ctx.random,
        workflow: this.workflow,
        inPlace: true,
      });
      this.state = result.state;
      const record = live ? recordFor(this.state, this.graph, event, timed) : undefined;
      if (record) this.keep(record);
      for (const command of result.commands) {
        const next = await this.execute(command);
        if (next) pending.push(next);
      }
    }
    await this.save();
    return this.state;
  }

  /** One record per attempt; a later event of the attempt keeps the input and logs it had. */
  private keep(record: StepRecord): void {
    const key = `${record.nodeId}:${record.attempt}`;
    const prior = this.records.get(key);
    const input = record.input ?? prior?.input;
    const logs = record.logs ?? prior?.logs;
    this.records.set(key, {
      ...record,
      ...(input === undefined ? {} : { input }),
      ...(logs === undefined ? {} : { logs }),
    });
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
      case 'startChildRun':
        return startChildRun(this.sql, this.ctx, this.run, command, activateRun);
      case 'cancelChildRuns':
        await cancelChildRuns(this.sql, this.ctx, this.run.id, command, applyEvents);
        return undefined;
      case 'cancelStep':
        // A running attempt's result arrives stale and is ignored by the engine.
        return undefined;
      case 'finishRun':
        this.finish = command;
        return undefined;
    }
  }

  private async schedule(nodeId: string, attempt: number, notBefore: number) {
    const index = this.graph.indexOf.get(nodeId);
    const node = index === undefined ? undefined : this.graph.nodes[index];
    if (index === undefined || !node) return undefined;
    const reused = this.reuse?.get(nodeId);
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
    if (type?.inline && notBefore <= now) {
      const predecessors: Record<string, unknown> = {};
      const outputs = outputsOf(this.state);
      for (const edge of this.graph.incoming[index] ?? []) {
        const id = this.graph.nodes[edge.from]?.id;
        if (id !== undefined && id in outputs) predecessors[id] = outputs[id];
      }
      const capture = captureStep(this.ctx.ports.forRun(this.run, nodeId), this.ctx.now);
      const event = await runStep({
        registry: this.ctx.registry,
        node,
        attempt,
        run: { id: this.run.id, workflowId: this.run.workflowId, attempt: this.state.attempt },
        input: this.state.input,
        steps: outputs,
        predecessors,
        vars: this.state.vars,
        ports: capture.ports,
        onSecret: capture.onSecret,
        onParams: capture.onParams,
      });
      for (const secret of capture.revealed) this.revealed.add(secret);
      return capture.finish(event, now, this.ctx.now());
    }
    this.jobs.set(`step:${this.anonymousJobs++}`, {
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
      if (job === 'remove') await removeJob(sql, key);
      else adds.push(job);
    }
    const childDone = finished ? childDoneJob(run, finished) : undefined;
    if (childDone) adds.push(childDone);
    await saveRun(sql, {
      run,
      state,
      finished,
      records: this.records.values(),
      jobs: adds,
      now: this.ctx.now(),
      ...(this.fresh ? { fresh: this.fresh } : {}),
    });
    if (finished) countRunFinished(run.workflowId, finished.status);
    // A finished run frees a concurrency slot; only workflows with a limit queue runs.
    if (finished && run.concurrencyLimit !== null) await promoteQueuedRun(sql, run.workflowId);
  }
}

/**
 * Turns a queued run into a running one: builds the engine's initial state and applies
 * `runStarted`, which runs inline steps right away (a run of pure steps may finish here,
 * in the caller's transaction).
 */
export async function activateRun(
  tx: SqlLike,
  ctx: RuntimeContext,
  runId: string,
): Promise<RunState | null> {
  const sql = asSql(tx);
  // Locked first, so two activations of one run (a start job delivered twice, a start
  // racing a cancel) are serialised: the second sees the first's state and does nothing,
  // instead of overwriting it with a fresh one and scheduling every root step again.
  const run = await lockRun(sql, runId);
  if (!run) throw new Error(`Run ${runId} not found`);
  if (run.state) return run.state;
  // Cancelled (or skipped) while it waited for a concurrency slot: it must never start.
  if (run.status !== 'queued') return null;
  const workflow = await loadDefinition(sql, run.versionId);
  const state = startRun({
    workflow,
    runId: run.id,
    workflowId: run.workflowId,
    now: ctx.now(),
    ...(run.timeoutMs ? { timeoutMs: run.timeoutMs } : {}),
  });
  return runLoop(sql, ctx, run, state, [{ event: { type: 'runStarted', input: run.input } }]);
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
): Promise<{ id: string; state: RunState }> {
  const sql = asSql(tx);
  const workflow = await loadDefinition(sql, run.versionId);
  // Child runs reference their parent's row, which must exist before they are created.
  if (workflow.nodes.some((node) => SPAWNS_CHILDREN.has(node.type))) {
    const { id } = await createRunRow(sql, run);
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
    started: false,
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
  const final = await runLoop(
    sql,
    ctx,
    locked,
    state,
    [{ event: { type: 'runStarted', input: run.input } }],
    run,
  );
  return { id, state: final };
}
