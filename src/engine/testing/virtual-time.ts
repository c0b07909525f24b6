import type { Clock, Timer } from '../ports';

export interface VirtualTime {
  clock: Clock;
  timer: Timer;
  /** Sleeps not yet woken. */
  readonly pending: number;
  /**
   * Keeps time still while `work` is in flight: work done on real time (a code step in its
   * isolate) takes many macrotasks, and a step timeout must not fire before it answers.
   */
  hold<T>(work: Promise<T>): Promise<T>;
}

interface Sleeper {
  at: number;
  seq: number;
  wake: () => void;
}

/**
 * A clock and timer on simulated time, so runs with retries, delays and timeouts finish
 * instantly and deterministically. Time jumps to the earliest sleeper only once every
 * promise chain has settled: the jump waits one real macrotask, after the microtask queue
 * (where in-memory steps do all their work) has drained.
 */
/**
 * setImmediate where there is one (Node): a 0 ms setTimeout waits at least 1 ms, which a suite
 * of a thousand cases with delays pays thousands of times.
 */
const nextMacrotask: (fn: () => void) => void =
  typeof setImmediate === 'function'
    ? (fn) => void setImmediate(fn)
    : (fn) => void setTimeout(fn, 0);

export function createVirtualTime(start = 0): VirtualTime {
  let now = start;
  let seq = 0;
  let sleepers: Sleeper[] = [];
  let pumping = false;
  let held = 0;

  const pump = () => {
    pumping = false;
    if (sleepers.length === 0 || held > 0) return;
    sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const first = sleepers[0] as Sleeper;
    now = Math.max(now, first.at);
    const due = sleepers.filter((s) => s.at <= now);
    sleepers = sleepers.filter((s) => s.at > now);
    for (const sleeper of due) sleeper.wake();
    schedule();
  };
  const schedule = () => {
    if (pumping || held > 0 || sleepers.length === 0) return;
    pumping = true;
    nextMacrotask(pump);
  };

  return {
    clock: { now: () => now },
    timer: {
      sleep(ms, signal) {
        return new Promise<void>((resolve) => {
          if (signal?.aborted) return resolve();
          const sleeper: Sleeper = { at: now + Math.max(0, ms), seq: seq++, wake: resolve };
          sleepers.push(sleeper);
          signal?.addEventListener(
            'abort',
            () => {
              sleepers = sleepers.filter((s) => s !== sleeper);
              resolve();
            },
            { once: true },
          );
          schedule();
        });
      },
    },
    get pending() {
      return sleepers.length;
    },
    hold(work) {
      held += 1;
      const release = () => {
        held -= 1;
        schedule();
      };
      return work.finally(release);
    },
  };
}
