import { matchesRunFilter, type RunEventFilter } from '@/shared/run-event-filter';

export interface RunEvent {
  runId: string;
  workflowId: string;
  workspaceId: string;
  status: string;
  parentRunId?: string | null;
}

/** A change, or null: "re-read everything" (changes made while disconnected are lost). */
export type RunEventListener = (event: RunEvent | null) => void;

/** Opens the one workspace-wide stream; returns its close function. */
export type OpenRunEventStream = (onEvent: RunEventListener) => () => void;

/** How long the stream outlives its last listener, so a page change does not reopen it. */
const LINGER_MS = 2_000;

/**
 * One event stream per page, shared by every live view on it. A browser allows about six
 * HTTP/1.1 connections per server across all its tabs, and each stream holds one for as
 * long as it is open: a stream per view would starve ordinary requests after a few tabs.
 * Each listener's filter is applied here instead of on the server.
 */
export class RunEventHub {
  private readonly listeners = new Map<RunEventListener, RunEventFilter>();
  private close: (() => void) | undefined;
  private lingering: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly open: OpenRunEventStream) {}

  subscribe(filter: RunEventFilter, listener: RunEventListener): () => void {
    // The same function may subscribe twice (two views); wrap it to keep both entries.
    const entry: RunEventListener = (event) => listener(event);
    this.listeners.set(entry, filter);
    clearTimeout(this.lingering);
    this.lingering = undefined;
    if (this.close) {
      // The stream was already open: this view may have read before it joined.
      queueMicrotask(() => {
        if (this.listeners.has(entry)) entry(null);
      });
    } else {
      this.close = this.open((event) => this.dispatch(event));
    }
    return () => {
      this.listeners.delete(entry);
      if (this.listeners.size > 0 || !this.close) return;
      this.lingering = setTimeout(() => {
        this.lingering = undefined;
        if (this.listeners.size > 0) return;
        this.close?.();
        this.close = undefined;
      }, LINGER_MS);
    };
  }

  private dispatch(event: RunEvent | null): void {
    for (const [listener, filter] of [...this.listeners]) {
      if (event === null || matchesRunFilter(event, filter)) listener(event);
    }
  }
}
