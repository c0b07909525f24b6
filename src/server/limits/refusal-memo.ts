const MAX_KEYS = 10_000;

/**
 * Buckets known to refuse until some moment, kept in this process. Exact, not a guess: a
 * bucket's next allowed moment only ever moves later (every grant, in any process, pushes
 * it on), so a bucket that refused until T refuses every request before T. Refusals of a
 * flood then cost no database round trip at all.
 */
export class RefusalMemo {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Milliseconds until `key` may be allowed again; undefined when it may be now. */
  refusedFor(key: string): number | undefined {
    const until = this.until.get(key);
    if (until === undefined) return undefined;
    const left = until - this.now();
    if (left > 0) return left;
    this.until.delete(key);
    return undefined;
  }

  remember(key: string, retryAfterMs: number): void {
    if (this.until.size >= MAX_KEYS) this.until.delete(this.until.keys().next().value!);
    this.until.set(key, this.now() + retryAfterMs);
  }
}
