/** One bar of the timeline: an attempt running or waiting, or a pause before a retry. */
export interface TimelineBar {
  kind: 'attempt' | 'retryWait';
  attempt: number;
  status: string;
  start: number;
  end: number;
  /** Still going: the bar ends at `now`. */
  open: boolean;
}

export interface TimelineRow {
  nodeId: string;
  bars: TimelineBar[];
}

export interface StepAttempt {
  nodeId: string;
  attempt: number;
  status: string;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface LiveNode {
  id: string;
  status: string;
  attempts: number;
  startedAt: number | null;
  notBefore: number | null;
  waitUntil: number | null;
}

const OPEN = new Set(['running', 'scheduled', 'waiting']);

/**
 * The Gantt chart's rows, one per step in the definition's order: each recorded attempt
 * as a bar (a waiting attempt lasts until it is resumed), the pauses between attempts as
 * retry waits, and the attempt in flight from the engine's live state.
 */
export function timelineRows(
  order: string[],
  attempts: StepAttempt[],
  live: LiveNode[],
  now: number,
): TimelineRow[] {
  const byNode = new Map<string, StepAttempt[]>();
  for (const a of attempts) byNode.set(a.nodeId, [...(byNode.get(a.nodeId) ?? []), a]);
  const liveById = new Map(live.map((n) => [n.id, n]));
  const rows: TimelineRow[] = [];
  for (const nodeId of order) {
    const bars: TimelineBar[] = [];
    const recorded = (byNode.get(nodeId) ?? []).sort((a, b) => a.attempt - b.attempt);
    for (const a of recorded) {
      if (!a.startedAt) continue;
      const open = OPEN.has(a.status);
      const end = open ? now : (a.finishedAt?.getTime() ?? a.startedAt.getTime());
      bars.push({
        kind: 'attempt',
        attempt: a.attempt,
        status: a.status,
        start: a.startedAt.getTime(),
        end,
        open,
      });
    }
    const node = liveById.get(nodeId);
    const last = recorded.at(-1);
    if (node && node.attempts > (last?.attempt ?? 0) && OPEN.has(node.status) && node.startedAt) {
      bars.push({
        kind: 'attempt',
        attempt: node.attempts,
        status: node.status,
        start: node.startedAt,
        end: now,
        open: true,
      });
    }
    // The gaps between one attempt's end and the next one's start are retry backoff.
    const withWaits: TimelineBar[] = [];
    for (const bar of bars) {
      const prev = withWaits.at(-1);
      if (prev && bar.start > prev.end) {
        withWaits.push({
          kind: 'retryWait',
          attempt: bar.attempt,
          status: 'waiting',
          start: prev.end,
          end: bar.start,
          open: false,
        });
      }
      withWaits.push(bar);
    }
    const tail = withWaits.at(-1);
    if (
      node?.notBefore &&
      tail &&
      !tail.open &&
      node.notBefore > tail.end &&
      OPEN.has(node.status)
    ) {
      withWaits.push({
        kind: 'retryWait',
        attempt: node.attempts,
        status: 'waiting',
        start: tail.end,
        end: Math.max(now, tail.end),
        open: true,
      });
    }
    rows.push({ nodeId, bars: withWaits });
  }
  return rows;
}
