import { env } from '../env';
import { logger } from '../logger';
import { RUN_CHANNEL, type RunNotice } from '../runtime/notify';
import { ChannelListener } from './channel-listener';

// setTimeout fires at once for delays beyond a signed 32-bit integer.
const MAX_TIMEOUT_MS = 2_147_483_647;

// One per process, kept across Next's hot reloads; the URL tells a stale one (tests) apart.
const holder = globalThis as {
  __miniflowRunListener?: { url: string; listener: ChannelListener<RunNotice> };
};

/** The listener key under which every notice of a workspace arrives (runs use their id). */
export function workspaceKey(workspaceId: string): string {
  return `ws:${workspaceId}`;
}

function parseNotice(payload: string): { key: string[]; notice: RunNotice } | undefined {
  const notice = JSON.parse(payload) as Partial<RunNotice>;
  if (typeof notice.runId !== 'string' || typeof notice.status !== 'string') return undefined;
  const keys = [notice.runId];
  if (typeof notice.workspaceId === 'string') keys.push(workspaceKey(notice.workspaceId));
  return { key: keys, notice: notice as RunNotice };
}

/** A listener on the run channel; processes share {@link runListener} instead. */
export function createRunListener(
  connectionString: string,
  retry: { minRetryMs?: number; maxRetryMs?: number } = {},
): ChannelListener<RunNotice> {
  return new ChannelListener<RunNotice>({
    connectionString,
    channel: RUN_CHANNEL,
    parse: parseNotice,
    applicationName: 'miniflow-run-listener',
    ...retry,
  });
}

/** The process's one LISTEN connection on the run channel, created on first use. */
export function runListener(): ChannelListener<RunNotice> {
  const url = env().DATABASE_URL;
  const current = holder.__miniflowRunListener;
  if (current?.url === url) return current.listener;
  if (current) void current.listener.close();
  const listener = createRunListener(url);
  holder.__miniflowRunListener = { url, listener };
  return listener;
}

/** Closes the process's listener (shutdown, tests); the next wait opens a new one. */
export async function closeRunListener(): Promise<void> {
  const current = holder.__miniflowRunListener;
  holder.__miniflowRunListener = undefined;
  await current?.listener.close();
}

export interface WaitForRunOptions<T> {
  timeoutMs: number;
  /** Reads what the caller waits for from the database; undefined means "not yet". */
  probe: () => Promise<T | undefined>;
  /** Which notices are worth a probe (all by default); a reconnect always probes. */
  relevant?: (notice: RunNotice) => boolean;
  /** Stops waiting early, e.g. when the HTTP client went away. */
  signal?: AbortSignal;
  listener?: ChannelListener<RunNotice>;
}

/**
 * Waits, without polling, until `probe` returns a value for a run. It subscribes first and
 * probes once LISTEN is active, so a change committed between the caller's last read and the
 * subscription is still seen; after that it probes on each relevant notice. Resolves with
 * undefined on timeout or abort.
 */
export function waitForRun<T>(
  runId: string,
  options: WaitForRunOptions<T>,
): Promise<T | undefined> {
  const listener = options.listener ?? runListener();
  const relevant = options.relevant ?? (() => true);
  return new Promise<T | undefined>((resolve) => {
    let settled = false;
    let probing = false;
    let again = false;
    let unsubscribe: () => void = () => undefined;
    const settle = (value: T | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      unsubscribe();
      resolve(value);
    };
    const onAbort = () => settle(undefined);
    // One probe at a time; notices arriving meanwhile fold into one more probe.
    const check = async () => {
      if (probing) {
        again = true;
        return;
      }
      probing = true;
      do {
        again = false;
        try {
          const value = await options.probe();
          if (value !== undefined) settle(value);
        } catch (error) {
          // A failed read is retried on the next notice; the timeout bounds the wait.
          logger.warn({ err: error, runId }, 'Reading a run while waiting for it failed');
        }
      } while (again && !settled);
      probing = false;
    };
    const timer = setTimeout(
      () => settle(undefined),
      Math.min(Math.max(0, options.timeoutMs), MAX_TIMEOUT_MS),
    );
    if (options.signal?.aborted) return settle(undefined);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    unsubscribe = listener.subscribe(runId, (notice) => {
      if (!settled && (notice === null || relevant(notice))) void check();
    });
  });
}
