import pg from 'pg';
import { logger } from '../logger';

/**
 * Called with a notice for the key it subscribed to, or with `null` whenever the listener
 * has (re)connected: notices sent while it was not listening are lost, so a subscriber
 * must re-check whatever it waits for on `null`. The first `null` also tells a new
 * subscriber that LISTEN is active, so a re-check then cannot miss a later notice.
 */
export type NoticeHandler<T> = (notice: T | null) => void;

/** Parses a payload and names the key (or keys) it is for; undefined drops it. */
export type NoticeParser<T> = (
  payload: string,
) => { key: string | readonly string[]; notice: T } | undefined;

/** Subscriptions to one channel's notices, by key (see {@link ChannelListener.addChannel}). */
export interface NoticeSource<T> {
  subscribe(key: string, handler: NoticeHandler<T>): () => void;
}

export interface ChannelListenerOptions<T> {
  connectionString: string;
  channel: string;
  parse: NoticeParser<T>;
  /** Shown in pg_stat_activity, so operators (and tests) can find the connection. */
  applicationName: string;
  minRetryMs?: number;
  maxRetryMs?: number;
}

type State = 'idle' | 'connecting' | 'up' | 'retrying' | 'closed';

/** Keys of an added channel are kept apart from the main channel's by this separator. */
const SCOPE = '\u0000';

/**
 * One PostgreSQL connection that LISTENs on one channel and fans notices out by key. A
 * process needs only one however many requests wait, instead of a pool connection each.
 * It connects on the first subscription and, after a drop, reconnects by itself with
 * backoff while anyone is subscribed. Other channels can share the connection
 * ({@link addChannel}), so a process holds one LISTEN connection, not one per concern.
 */
export class ChannelListener<T> {
  private state: State = 'idle';
  private client: pg.Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  // Handlers of added channels are stored under scoped keys with their own notice type.
  private readonly handlers = new Map<string, Set<NoticeHandler<T>>>();
  /** Every channel's parser: the main one and those added. */
  private readonly parsers = new Map<string, NoticeParser<unknown>>();
  /** Channels LISTENed on the current connection. */
  private readonly listening = new Set<string>();

  constructor(private readonly options: ChannelListenerOptions<T>) {
    this.retryMs = options.minRetryMs ?? 100;
    this.parsers.set(options.channel, options.parse);
  }

  /**
   * Listens on `channel` too, over the same connection. Its subscribers are told `null` on
   * every (re)connect like the main channel's, once LISTEN on it is active.
   */
  addChannel<U>(channel: string, parse: NoticeParser<U>): NoticeSource<U> {
    if (channel === this.options.channel) throw new Error(`${channel} is the main channel`);
    if (!this.parsers.has(channel)) {
      this.parsers.set(channel, parse);
      const client = this.client;
      if (this.state === 'up' && client) void this.listenAlso(client, channel);
    }
    return {
      subscribe: (key, handler) =>
        this.subscribe(`${channel}${SCOPE}${key}`, handler as unknown as NoticeHandler<T>),
    };
  }

  /** Registers `handler` for `key`; returns the unsubscribe function. */
  subscribe(key: string, handler: NoticeHandler<T>): () => void {
    if (this.state === 'closed') throw new Error('The notification listener is closed');
    let set = this.handlers.get(key);
    if (!set) this.handlers.set(key, (set = new Set()));
    set.add(handler);
    if (this.state === 'up' && this.listening.has(channelOf(key, this.options.channel))) {
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
      if (message.payload) this.dispatch(message.channel, message.payload);
    });
    try {
      await client.connect();
      // A channel added meanwhile is LISTENed too before the connection counts as up.
      for (let pending = this.unheard(); pending.length > 0; pending = this.unheard()) {
        for (const channel of pending) {
          await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
          if (this.client !== client) return;
          this.listening.add(channel);
        }
      }
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

  private unheard(): string[] {
    return [...this.parsers.keys()].filter((channel) => !this.listening.has(channel));
  }

  /** LISTENs on a channel added while connected, then tells its subscribers it is active. */
  private async listenAlso(client: pg.Client, channel: string): Promise<void> {
    try {
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      this.dropped(client, error);
      return;
    }
    if (this.client !== client || this.state !== 'up') return;
    this.listening.add(channel);
    const prefix = `${channel}${SCOPE}`;
    for (const [key, set] of [...this.handlers]) {
      if (key.startsWith(prefix)) for (const handler of [...set]) safely(handler, null);
    }
  }

  private dropped(client: pg.Client, error?: unknown): void {
    // 'error' and 'end' both arrive for one drop; only the first one for the current client counts.
    if (this.client !== client || this.state === 'closed') return;
    this.client = undefined;
    this.listening.clear();
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

  private dispatch(channel: string, payload: string): void {
    const parse = this.parsers.get(channel);
    if (!parse) return;
    let parsed: ReturnType<NoticeParser<unknown>>;
    try {
      parsed = parse(payload);
    } catch {
      parsed = undefined;
    }
    if (!parsed) return;
    const scope = channel === this.options.channel ? '' : `${channel}${SCOPE}`;
    const keys = typeof parsed.key === 'string' ? [parsed.key] : parsed.key;
    for (const key of keys) {
      const set = this.handlers.get(scope + key);
      if (set) for (const handler of [...set]) safely(handler, parsed.notice as T);
    }
  }
}

function channelOf(key: string, main: string): string {
  const at = key.indexOf(SCOPE);
  return at === -1 ? main : key.slice(0, at);
}

/** A subscriber's bug must not stop the others from hearing the notice. */
function safely<T>(handler: NoticeHandler<T>, notice: T | null): void {
  try {
    handler(notice);
  } catch (error) {
    logger.error({ err: error }, 'Notification handler failed');
  }
}
