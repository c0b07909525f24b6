import pg from 'pg';
import { logger } from '../logger';

/**
 * Called with a notice for the key it subscribed to, or with `null` whenever the listener
 * has (re)connected: notices sent while it was not listening are lost, so a subscriber
 * must re-check whatever it waits for on `null`. The first `null` also tells a new
 * subscriber that LISTEN is active, so a re-check then cannot miss a later notice.
 */
export type NoticeHandler<T> = (notice: T | null) => void;

export interface ChannelListenerOptions<T> {
  connectionString: string;
  channel: string;
  /** Parses a payload and names the key (or keys) it is for; undefined drops it. */
  parse: (payload: string) => { key: string | readonly string[]; notice: T } | undefined;
  /** Shown in pg_stat_activity, so operators (and tests) can find the connection. */
  applicationName: string;
  minRetryMs?: number;
  maxRetryMs?: number;
}

type State = 'idle' | 'connecting' | 'up' | 'retrying' | 'closed';

/**
 * One PostgreSQL connection that LISTENs on one channel and fans notices out by key. A
 * process needs only one however many requests wait, instead of a pool connection each.
 * It connects on the first subscription and, after a drop, reconnects by itself with
 * backoff while anyone is subscribed.
 */
export class ChannelListener<T> {
  private state: State = 'idle';
  private client: pg.Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private readonly handlers = new Map<string, Set<NoticeHandler<T>>>();

  constructor(private readonly options: ChannelListenerOptions<T>) {
    this.retryMs = options.minRetryMs ?? 100;
  }

  /** Registers `handler` for `key`; returns the unsubscribe function. */
  subscribe(key: string, handler: NoticeHandler<T>): () => void {
    if (this.state === 'closed') throw new Error('The notification listener is closed');
    let set = this.handlers.get(key);
    if (!set) this.handlers.set(key, (set = new Set()));
    set.add(handler);
    if (this.state === 'up') {
      queueMicrotask(() => {
        if (this.handlers.get(key)?.has(handler)) safely(handler, null);
      });
    } else if (this.state === 'idle') {
      void this.connect();
    }
    // While connecting or waiting to retry, the (re)connect calls the handler.
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(key) === set) this.handlers.delete(key);
    };
  }

  /** The backend process id of the listening connection (for diagnostics and tests). */
  get backendPid(): number | undefined {
    // `processID` is set by pg at startup but missing from its typings.
    const client = this.client as { processID?: number } | undefined;
    return this.state === 'up' ? client?.processID : undefined;
  }

  get subscribers(): number {
    let count = 0;
    for (const set of this.handlers.values()) count += set.size;
    return count;
  }

  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.retryTimer);
    this.handlers.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.state = 'connecting';
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName,
      // Finds a half-open TCP connection (peer gone without a FIN) instead of waiting forever.
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    this.client = client;
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client));
    client.on('notification', (message) => {
      if (message.channel === this.options.channel && message.payload) {
        this.dispatch(message.payload);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.options.channel)}`);
    } catch (error) {
      this.dropped(client, error);
      return;
    }
    if (this.client !== client || this.state !== 'connecting') return;
    this.state = 'up';
    this.retryMs = this.options.minRetryMs ?? 100;
    for (const set of [...this.handlers.values()]) {
      for (const handler of [...set]) safely(handler, null);
    }
  }

  private dropped(client: pg.Client, error?: unknown): void {
    // 'error' and 'end' both arrive for one drop; only the first one for the current client counts.
    if (this.client !== client || this.state === 'closed') return;
    this.client = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    logger.warn(
      { err: error, channel: this.options.channel },
      'Notification listener disconnected; reconnecting',
    );
    if (this.handlers.size === 0) {
      this.state = 'idle';
      return;
    }
    this.state = 'retrying';
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 5_000);
    this.retryTimer = setTimeout(() => {
      if (this.state !== 'retrying') return;
      if (this.handlers.size === 0) this.state = 'idle';
      else void this.connect();
    }, delay);
  }

  private dispatch(payload: string): void {
    let parsed: ReturnType<ChannelListenerOptions<T>['parse']>;
    try {
      parsed = this.options.parse(payload);
    } catch {
      parsed = undefined;
    }
    if (!parsed) return;
    const keys = typeof parsed.key === 'string' ? [parsed.key] : parsed.key;
    for (const key of keys) {
      const set = this.handlers.get(key);
      if (set) for (const handler of [...set]) safely(handler, parsed.notice);
    }
  }
}

/** A subscriber's bug must not stop the others from hearing the notice. */
function safely<T>(handler: NoticeHandler<T>, notice: T | null): void {
  try {
    handler(notice);
  } catch (error) {
    logger.error({ err: error }, 'Notification handler failed');
  }
}
