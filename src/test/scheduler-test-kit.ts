/**
 * Test-only helpers for the scheduler's integration tests (imported by *.int.test.ts only).
 */
import type { Clock } from '@/engine';
import { db } from '@/server/db';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { edge, node, publish } from '@/test/runtime-fixtures';
import {
  startScheduler,
  type RunningScheduler,
  type SchedulerOptions,
} from '@/server/scheduler/start-scheduler';

export interface FakeClock extends Clock {
  set(at: number | string): void;
  advance(ms: number): void;
}

export function fakeClock(start: number | string): FakeClock {
  let now = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => now,
    set: (at) => void (now = typeof at === 'string' ? Date.parse(at) : at),
    advance: (ms) => void (now += ms),
  };
}

export const MINUTE = 60_000;

const running = new Set<RunningScheduler>();

/** A scheduler that ticks only when told to (unless `autoTick`); stop them with stopAll(). */
export function testScheduler(
  clock: Clock | undefined,
  options: Partial<SchedulerOptions> = {},
): RunningScheduler {
  const scheduler = startScheduler({
    db,
    runtime: webRuntime(),
    ...(clock ? { clock } : {}),
    autoTick: false,
    ...options,
  });
  running.add(scheduler);
  return scheduler;
}

/**
 * Stops the test's schedulers and pauses every schedule, so the next test in the file (same
 * database) sees only its own schedules fire.
 */
export async function cleanUp(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
  running.clear();
  await db.schedule.updateMany({ data: { paused: true } });
}

export interface CronParams {
  expression: string;
  timezone?: string;
  overlap?: 'skip' | 'queue' | 'allow';
  catchUp?: 'none' | 'latest' | 'all';
}

/**
 * Publishes a workflow whose cron trigger leads to `after` (a set step by default, which
 * runs inline so the run finishes in the firing transaction), and returns its schedule.
 * With `firstFireAt` the schedule's next fire time is moved there (fake-clock tests).
 */
export async function publishCron(
  actor: Actor,
  cron: CronParams,
  options: { name?: string; after?: ReturnType<typeof node>; firstFireAt?: number } = {},
) {
  const after =
    options.after ?? node('work', 'set', { values: { at: '{{ input.scheduledFor }}' } });
  const published = await publish(actor, {
    name: options.name ?? `Cron ${Math.random().toString(36).slice(2, 8)}`,
    nodes: [node('tick', 'cron', { ...cron }), after],
    edges: [edge('tick', after.id)],
  });
  let schedule = await db.schedule.findUniqueOrThrow({
    where: { workflowId_nodeId: { workflowId: published.workflowId, nodeId: 'tick' } },
  });
  if (options.firstFireAt !== undefined) {
    schedule = await db.schedule.update({
      where: { id: schedule.id },
      data: { nextFireAt: new Date(options.firstFireAt) },
    });
  }
  return { ...published, schedule };
}

/** The workflow's cron runs, oldest tick first, with the tick each was fired for. */
export async function cronRuns(workflowId: string) {
  const runs = await db.run.findMany({ where: { workflowId, trigger: 'cron' } });
  return runs
    .map((run) => ({ ...run, scheduledFor: (run.input as { scheduledFor: string }).scheduledFor }))
    .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
}

export async function fires(scheduleId: string) {
  return db.scheduleFire.findMany({ where: { scheduleId }, orderBy: { fireAt: 'asc' } });
}

export const iso = (at: number) => new Date(at).toISOString();
