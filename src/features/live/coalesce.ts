/**
 * Wraps `fn` so a burst of calls runs it at most twice: once at once, and once more at the
 * end of a `windowMs` window if calls arrived during it (and so on while they keep coming).
 * The first call is never delayed; the last one is never lost.
 */
export function coalesce(fn: () => void, windowMs: number): { call(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let again = false;
  const run = () => {
    fn();
    again = false;
    timer = setTimeout(() => {
      timer = undefined;
      if (again) run();
    }, windowMs);
  };
  return {
    call() {
      if (timer === undefined) run();
      else again = true;
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      again = false;
    },
  };
}
