import type { ServerResponse } from 'node:http';

/**
 * Lets a kind of request through to the app a few at a time, the rest waiting (unread) in
 * order, and refuses with 503 once too many wait. For requests that cost the event loop far
 * more than they look: a burst of them let through together would interleave their work and
 * hold up every other request (health probes, webhooks) for as long as the whole burst takes.
 */
export class RequestTurns {
  private running = 0;
  private readonly waiting: { res: ServerResponse; proceed: () => void }[] = [];

  constructor(
    private readonly atOnce: number,
    private readonly maxWaiting: number,
    private readonly what: string,
  ) {}

  /** Calls `proceed` now or when a turn frees; answers 503 itself when the queue is full. */
  enter(res: ServerResponse, proceed: () => void): void {
    if (this.running < this.atOnce) {
      this.start(res, proceed);
      return;
    }
    if (this.waiting.length >= this.maxWaiting) {
      res.writeHead(503, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        'retry-after': '1',
      });
      res.end(
        JSON.stringify({
          error: { message: `Too many ${this.what} at once: try again in a moment` },
        }),
      );
      return;
    }
    this.waiting.push({ res, proceed });
  }

  /** Requests let through and not yet answered, and requests waiting for a turn. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private start(res: ServerResponse, proceed: () => void): void {
    this.running += 1;
    res.once('close', () => {
      this.running -= 1;
      this.next();
    });
    proceed();
  }

  private next(): void {
    while (this.running < this.atOnce && this.waiting.length > 0) {
      const { res, proceed } = this.waiting.shift()!;
      // A client that gave up while waiting needs no turn.
      if (!res.destroyed && !res.writableEnded) this.start(res, proceed);
    }
  }
}
