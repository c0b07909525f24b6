import type { NodeState } from '../run/run-state';
import type { AttemptView } from './attempt-view';

/** One bar of the timeline: an attempt (running, waiting or ended), or a pause before a retry. */
export interface TimelineBar {
  kind: 'attempt' | 'retryWait';
  attempt: number;
  status: string;
  start: number;
  end: number;
  /** Still going: the bar ends at `now`. */
  open: boolean;
  /** A suspended attempt's delay ends then. */
  until?: number;
}

export interface TimelineRow {
  nodeId: string;
  bars: TimelineBar[];
}

const IN_FLIGHT = new Set(['scheduled', 'running', 'waiting']);

/**
 * A step's bars: each recorded attempt, the attempt in flight that has no record yet (the
 * state's current attempt), and the backoff between one attempt's end and the next start.
 */
export function timelineRow(
  nodeId: string,
  node: NodeState | undefined,
  history: readonly AttemptView[],
  now: number,
): TimelineRow {
  const inFlight = node !== undefined && IN_FLIGHT.has(node.status) ? node : undefined;
  const bars: TimelineBar[] = [];
  for (const attempt of history) {
    if (attempt.startedAt === undefined) continue;
    const current = inFlight !== undefined && inFlight.attempts === attempt.attempt;
    const open = current && IN_FLIGHT.has(attempt.status);
    bars.push({
      kind: 'attempt',
      attempt: attempt.attempt,
      status: attempt.status,
      start: attempt.startedAt,
      end: open ? Math.max(now, attempt.startedAt) : (attempt.finishedAt ?? attempt.startedAt),
      open,
      ...(open && node?.delay ? { until: node.delay.until } : {}),
    });
  }
  const recorded = history.at(-1)?.attempt ?? 0;
  let backingOff: number | undefined;
  if (inFlight && inFlight.attempts > recorded) {
    const bar = unrecorded(inFlight, now);
    if (bar) bars.push(bar);
    else backingOff = inFlight.attempts;
  }
  const row = withRetryWaits(bars);
  const last = row.at(-1);
  if (backingOff !== undefined && last) {
    row.push(retryWait(backingOff, last.end, Math.max(now, last.end), true));
  }
  return { nodeId, bars: row };
}

/**
 * The current attempt, known only from the state: it starts when its backoff ends, so there
 * is none while the backoff still runs.
 */
function unrecorded(node: NodeState, now: number): TimelineBar | undefined {
  const start = node.attempts > 1 ? node.notBefore : node.startedAt;
  if (start === undefined || start > now) return undefined;
  return {
    kind: 'attempt',
    attempt: node.attempts,
    status: node.status,
    start,
    end: now,
    open: true,
    ...(node.delay ? { until: node.delay.until } : {}),
  };
}

/** The gaps between one attempt's end and the next one's start are retry backoff. */
function withRetryWaits(bars: readonly TimelineBar[]): TimelineBar[] {
  const out: TimelineBar[] = [];
  for (const bar of bars) {
    const prev = out.at(-1);
    if (prev && bar.start > prev.end) out.push(retryWait(bar.attempt, prev.end, bar.start, false));
    out.push(bar);
  }
  return out;
}

function retryWait(attempt: number, start: number, end: number, open: boolean): TimelineBar {
  return { kind: 'retryWait', attempt, status: 'waiting', start, end, open };
}
