const FIRST_MS = 1_000;
const MAX_MS = 60_000;

/**
 * Per-schedule retry pauses after a failed fire (a deadlock victim, a database hiccup, a
 * broken row): the schedule stays due and is retried after 1 s, 2 s, 4 s … up to a minute,
 * so one bad schedule neither blocks the others nor floods the log every tick.
 */
export class Backoff {
  private readonly entries = new Map<string, { until: number; delayMs: number }>();

  /** Schedule ids still pausing at `now`. */
  held(now: number): string[] {
    const ids: string[] = [];
    for (const [id, entry] of this.entries) if (entry.until > now) ids.push(id);
    return ids;
  }

  /** Records a failure; returns the pause before the next attempt. */
  failed(id: string, now: number): number {
    const previous = this.entries.get(id);
    const delayMs = previous ? Math.min(previous.delayMs * 2, MAX_MS) : FIRST_MS;
    this.entries.set(id, { until: now + delayMs, delayMs });
    return delayMs;
  }

  succeeded(id: string): void {
    this.entries.delete(id);
  }
}
