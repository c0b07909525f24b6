import { readSse } from './read-sse';

type Listener = (event: { data?: string; lastEventId?: string }) => void;

/**
 * An EventSource for Node that never reconnects by itself, the least a client can count
 * on. After a failure it either closes (`'close'`, as browsers do on an error status) or
 * stays "connecting" without trying again (`'stall'`, as Node's own EventSource does when
 * the server is down at its first retry).
 */
export function testEventSource(mode: 'close' | 'stall'): typeof EventSource {
  class TestEventSource {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSED = 2;
    readyState = 0;
    private readonly listeners = new Map<string, Set<Listener>>();
    private readonly abort = new AbortController();

    constructor(readonly url: string) {
      void this.run();
    }

    addEventListener(type: string, listener: Listener) {
      let set = this.listeners.get(type);
      if (!set) this.listeners.set(type, (set = new Set()));
      set.add(listener);
    }

    removeEventListener(type: string, listener: Listener) {
      this.listeners.get(type)?.delete(listener);
    }

    close() {
      this.readyState = this.CLOSED;
      this.abort.abort();
    }

    private emit(type: string, event: { data?: string; lastEventId?: string }) {
      for (const listener of this.listeners.get(type) ?? []) listener(event);
    }

    private async run() {
      try {
        const res = await fetch(this.url, {
          headers: { accept: 'text/event-stream' },
          signal: this.abort.signal,
        });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        this.readyState = this.OPEN;
        this.emit('open', {});
        for await (const event of readSse(res.body)) {
          this.emit(event.event, { data: event.data, lastEventId: event.id ?? '' });
        }
      } catch {
        // Reported below, like a stream that ended.
      }
      if (this.readyState === this.CLOSED) return;
      if (mode === 'close') this.readyState = this.CLOSED;
      else this.readyState = this.CONNECTING;
      this.emit('error', {});
    }
  }
  return TestEventSource as unknown as typeof EventSource;
}
