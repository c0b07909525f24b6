import type { Clock } from '@/engine';
import type { Db } from '../db';
import { logger } from '../logger';
import type { RuntimeContext } from '../runtime/runtime-context';
import { Backoff } from './backoff';
import { fireClaimedBatch, fireDueSchedule, type DueSchedule, type FireEnv } from './fire-schedule';
import { startWaitingTicks } from './start-waiting-ticks';
import { listenForWakeups, type Wakeups } from './wakeups';

export interface SchedulerOptions {
  db: Db;
  /** Runs are started (and their inline steps run) with this runtime. */
  runtime: RuntimeContext;
  /** Decides when ticks are due; tests pass a fake one to simulate time and downtime. */
  clock?: Clock;
  /** Longest sleep between two ticks (default 1000 ms); it also bounds how late queued ticks start. */
  intervalMs?: number;
  /** A tick at most this late is on time; an older one was missed (default 60 s). */
  graceMs?: number;
  /** Due schedules one tick looks at (default 100). */
  batchSize?: number;
  /** Ticks one schedule fires per tick when catching up with `all` (default 100). */
  maxFiresPerTick?: number;
  /** Transactions firing due schedules at once (default 4). */
  parallelism?: number;
  /** Due schedules one transaction claims and fires together (default 5). */
  claimBatch?: number;
  /** When set, LISTEN on this database so schedule changes wake the scheduler at once. */
  databaseUrl?: string;
  /** Tick by itself (default true); tests turn it off and call `tick()`. */
  autoTick?: boolean;
}

export interface RunningScheduler {
  /**
   * One pass: fires what is due and starts waiting (overlap `queue`) ticks. Resolves with
   * the ticks this pass fired: ScheduleFire rows it wrote, whether started, queued or skipped.
   */
  tick(): Promise<number>;
  /** Ends the current sleep (a schedule changed). */
  wake(): void;
  /** Finishes the pass in flight and stops; idempotent. */
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };
// After a pass that left due schedules (locked by another scheduler, or a full batch).
const BUSY_RETRY_MS = 25;

/**
 * The cron scheduler. Any number may run, in any processes: each pass claims disjoint
 * batches of due schedules with SKIP LOCKED (fire-schedule.ts), and a (schedule, fire
 * time) primary key makes each tick fire once.
 * Between ticks it sleeps until the earliest `nextFireAt` (at most `intervalMs`), so a
 * schedule fires within milliseconds of its time; a NOTIFY ends the sleep early.
 */
export function startScheduler(options: SchedulerOptions): RunningScheduler {
  const { db, runtime } = options;
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 100;
  const parallelism = Math.max(1, options.parallelism ?? 4);
  const claimBatch = Math.max(1, options.claimBatch ?? 5);
  const backoff = new Backoff();
  let wakeups: Wakeups | undefined;

  async function pass(): Promise<number> {
    const now = clock.now();
    const env: FireEnv = {
      db,
      runtime,
      now,
      graceMs: options.graceMs ?? 60_000,
      maxFiresPerTick: options.maxFiresPerTick ?? 100,
    };
    const held = backoff.held(now);
    let fired = 0;
    // Not `fired += await …`: that reads `fired` before the await and loses counts.
    const fireOne = async (schedule: DueSchedule) => {
      try {
        const count = await fireDueSchedule(env, schedule);
        fired += count;
        backoff.succeeded(schedule.id);
      } catch (error) {
        // Left due: it is retried after a growing pause; other schedules carry on.
        const retryInMs = backoff.failed(schedule.id, now);
        held.push(schedule.id);
        logger.warn({ err: error, scheduleId: schedule.id, retryInMs }, 'Schedule fire failed');
      }
    };
    // Lanes claim disjoint batches until nothing due is left unclaimed.
    const claimLane = async () => {
      for (;;) {
        const batch = await fireClaimedBatch(env, claimBatch, held);
        if (batch.error) {
          for (const schedule of batch.claimed) await fireOne(schedule);
        } else {
          fired += batch.fired;
          for (const schedule of batch.claimed) backoff.succeeded(schedule.id);
        }
        if (batch.claimed.length < claimBatch) return;
      }
    };
    await Promise.all(Array.from({ length: parallelism }, claimLane));

    // Workflows with a concurrency limit lock their row FOR UPDATE first: one by one.
    const due = await db.schedule.findMany({
      where: {
        paused: false,
        nextFireAt: { lte: new Date(now) },
        id: { notIn: held },
        workflow: { concurrencyLimit: { not: null } },
      },
      orderBy: { nextFireAt: 'asc' },
      take: batchSize,
      select: {
        id: true,
        workflowId: true,
        workflow: { select: { concurrencyLimit: true } },
      },
    });
    let next = 0;
    const lane = async () => {
      while (next < due.length) await fireOne(due[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(parallelism, due.length) }, lane));
    const waiting = await startWaitingTicks(db, runtime, now);
    wakeups?.watch(waiting.blocked);
    return fired;
  }

  // Passes never overlap in one scheduler: tick() called during a pass waits for it.
  let chain: Promise<unknown> = Promise.resolve();
  function tick(): Promise<number> {
    const result = chain.then(pass);
    chain = result.catch(() => undefined);
    return result;
  }

  /** How long to sleep: until the earliest fire time, at most `intervalMs`. */
  async function sleepMs(): Promise<number> {
    const now = clock.now();
    const earliest = await db.schedule.findFirst({
      where: { paused: false, nextFireAt: { not: null }, id: { notIn: backoff.held(now) } },
      orderBy: { nextFireAt: 'asc' },
      select: { nextFireAt: true },
    });
    const at = earliest?.nextFireAt?.getTime();
    if (at === undefined) return intervalMs;
    return Math.min(intervalMs, Math.max(BUSY_RETRY_MS, at - clock.now()));
  }

  let stopped = false;
  let woken = false;
  let endSleep: (() => void) | undefined;
  function wake() {
    woken = true;
    endSleep?.();
  }
  function sleep(ms: number): Promise<void> {
    if (woken || stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        endSleep = undefined;
        resolve();
      }
      endSleep = done;
    });
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      woken = false;
      let delay = intervalMs;
      try {
        await tick();
        delay = await sleepMs();
      } catch (error) {
        logger.warn({ err: error }, 'Scheduler tick failed; retrying');
      }
      await sleep(delay);
    }
  }

  if (options.databaseUrl) wakeups = listenForWakeups(options.databaseUrl, wake);
  const looping = options.autoTick === false ? Promise.resolve() : loop();
  logger.info({ intervalMs }, 'Scheduler started');

  let stopping: Promise<void> | undefined;
  return {
    tick,
    wake,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        endSleep?.();
        await looping;
        await chain;
        await wakeups?.close();
        logger.info('Scheduler stopped');
      })();
      return stopping;
    },
  };
}
