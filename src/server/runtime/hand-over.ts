import type { Job } from 'graphile-worker';
import { TASKS, type JobSpec } from './queue';

/**
 * The queue job a step task holds (graphile-worker has it locked for this process), to
 * which the save of the step's result may hand the run's next step instead of adding a
 * job for it. The task then runs that step itself, with the state it has just saved: no
 * wake-up of a worker, no fetch of the job, no read of the run. A held job that dies with
 * its process is released to other workers like any locked job (sweeper.ts) and then runs
 * the last step handed to it; every earlier one was saved before it was handed on.
 */
export interface JobHold {
  /** graphile-worker's job id and lock owner (the worker pool). */
  jobId: string;
  lockedBy: string;
  /** Set by a save that handed a step to the job: the step its task runs next. */
  next?: { nodeId: string; attempt: number };
}

/**
 * How long one queue job may carry a run on from step to step. Past it the next step goes
 * back through the queue, behind whatever waits there (higher priorities first).
 */
export const HAND_OVER_FOR_MS = 1_000;

/** The hold a step task may offer its save; none once the worker stops or time is up. */
export function holdFor(job: Job, signal: AbortSignal, until: number): JobHold | undefined {
  if (signal.aborted || performance.now() >= until) return undefined;
  // A job in a named queue unlocks its queue when it completes: left to graphile-worker.
  if (job.locked_by === null || job.job_queue_id !== null) return undefined;
  return { jobId: job.id, lockedBy: job.locked_by };
}

/** Takes from `adds` a step job that may be handed to a held job: due now, no key. */
export function takeHandOver(adds: JobSpec[]): JobSpec | undefined {
  const at = adds.findIndex((job) => job.task === TASKS.step && !job.runAt && !job.jobKey);
  return at < 0 ? undefined : adds.splice(at, 1)[0];
}
