export interface FairTurnsOptions {
  /** Turns at once, over all keys. */
  capacity: number;
  /** Turns one key may hold at once while another key is active too. */
  shared: number;
  /** Turns kept for other keys while one key is alone: they find one free on arrival. */
  reserve: number;
  /** A key is active while it holds a turn, and this long after it last took one. */
  activeMs: number;
  now?: () => number;
}

/**
 * Turns at work all workspaces share in one process (the event loop, the database
 * connections), handed out fairly between keys (workspaces). One workspace alone may use
 * nearly all of them, so its throughput is not capped. But once another workspace is
 * active, each holds at most `shared` at once. Requests waiting for a turn are served in
 * rotation between keys, not in order of arrival.
 *
 * Without this, one workspace's burst (its rate limit's whole allowance, arriving in one
 * moment) is worked on all at once. Every request of every other workspace then waits
 * behind the whole burst at each step it takes: each database round trip, each turn of
 * the event loop.
 */
export class FairTurns {
  private running = 0;
  private readonly held = new Map<string, number>();
  private readonly lastTaken = new Map<string, number>();
  // Keys with requests waiting, in the order they are served next.
  private readonly queues = new Map<string, (() => void)[]>();
  private readonly now: () => number;

  constructor(private readonly options: FairTurnsOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * Resolves with `key`'s turn once it has one. Calling the returned function ends it
   * (once; later calls do nothing), so work that waits on other things can give it back.
   */
  async take(key: string): Promise<() => void> {
    if (!this.queues.has(key) && this.free(key)) this.begin(key);
    else await new Promise<void>((resolve) => this.wait(key, resolve));
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.end(key);
    };
  }

  /** Turns taken and requests waiting for one, over all keys. */
  load(): { running: number; waiting: number } {
    let waiting = 0;
    for (const queue of this.queues.values()) waiting += queue.length;
    return { running: this.running, waiting };
  }

  private free(key: string): boolean {
    const { capacity, shared, reserve } = this.options;
    if (this.running >= capacity) return false;
    const held = this.held.get(key) ?? 0;
    if (held < shared) return true;
    return !this.othersActive(key) && this.running < capacity - reserve;
  }

  private othersActive(key: string): boolean {
    this.forgetIdle();
    for (const other of this.lastTaken.keys()) if (other !== key) return true;
    for (const other of this.held.keys()) if (other !== key) return true;
    return false;
  }

  private begin(key: string): void {
    this.running += 1;
    this.held.set(key, (this.held.get(key) ?? 0) + 1);
    // Kept in order of the last turn taken, so idle keys are the first ones.
    this.lastTaken.delete(key);
    this.lastTaken.set(key, this.now());
    this.forgetIdle();
  }

  /** Drops keys that took no turn for `activeMs`: the map holds only the active ones. */
  private forgetIdle(): void {
    const since = this.now() - this.options.activeMs;
    for (const [key, at] of this.lastTaken) {
      if (at >= since) return;
      this.lastTaken.delete(key);
    }
  }

  private wait(key: string, resolve: () => void): void {
    const queue = this.queues.get(key);
    if (queue) queue.push(resolve);
    else this.queues.set(key, [resolve]);
  }

  private end(key: string): void {
    this.running -= 1;
    const held = this.held.get(key)! - 1;
    if (held === 0) this.held.delete(key);
    else this.held.set(key, held);
    this.serveWaiting();
  }

  private serveWaiting(): void {
    for (const [key, queue] of this.queues) {
      if (this.running >= this.options.capacity) return;
      if (!this.free(key)) continue;
      const resolve = queue.shift()!;
      // Served keys go to the back of the rotation.
      this.queues.delete(key);
      if (queue.length > 0) this.queues.set(key, queue);
      this.begin(key);
      resolve();
    }
  }
}
