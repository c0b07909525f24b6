export type EditMode = 'typing' | 'now';

interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Turns a stream of edits into reports: typing is reported once it pauses for `delayMs`
 * (or on `flush`, e.g. at blur), a discrete edit at once together with any typing before it.
 * Each report goes to the callback given with its latest edit.
 */
export class EditBatcher<T> {
  private pending: { value: T; report: (value: T) => void } | null = null;
  private handle: unknown = null;

  constructor(
    private readonly delayMs: number,
    private readonly timers: Timers = browserTimers,
  ) {}

  edit(value: T, report: (value: T) => void, mode: EditMode): void {
    this.pending = { value, report };
    this.cancelTimer();
    if (mode === 'now') this.flush();
    else this.handle = this.timers.set(() => this.flush(), this.delayMs);
  }

  /** Reports the edit waiting for a pause, if any; returns what was reported. */
  flush(): T | undefined {
    this.cancelTimer();
    const next = this.pending;
    this.pending = null;
    next?.report(next.value);
    return next?.value;
  }

  get waiting(): T | undefined {
    return this.pending?.value;
  }

  private cancelTimer() {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
  }
}
