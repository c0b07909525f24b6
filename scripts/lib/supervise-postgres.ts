import type { PostgresExit, RunningPostgres } from '../../src/server/db/embedded-postgres';

export interface SupervisionOptions {
  /** Restarts allowed within `windowMs`; past them the supervisor gives up. */
  maxRestarts?: number;
  windowMs?: number;
  /** Wait before the first attempt; doubled per attempt up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  say: (line: string) => void;
  /** True once the app is stopping: an exit then is expected. */
  stopping: () => boolean;
  /** No restart worked: the app should stop with a non-zero code. */
  giveUp: (message: string) => void;
}

const describe = (exit: PostgresExit) =>
  exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;

/**
 * Restarts the embedded PostgreSQL when it exits by itself (killed, crashed), on the same
 * port and folder, with growing waits and a bounded number of times; the app's pools
 * reconnect on their own. When restarts do not help, hands over to a process manager by
 * giving up with one clear message.
 */
export function supervisePostgres(postgres: RunningPostgres, options: SupervisionOptions): void {
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.windowMs ?? 10 * 60_000;
  const firstDelayMs = options.firstDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8_000;
  const restarts: number[] = [];

  postgres.onUnexpectedExit((exit) => {
    if (options.stopping()) return;
    void (async () => {
      options.say(`PostgreSQL stopped unexpectedly (${describe(exit)}); restarting it…`);
      for (let attempt = 1; ; attempt++) {
        const now = Date.now();
        while (restarts.length > 0 && now - restarts[0]! > windowMs) restarts.shift();
        if (restarts.length >= maxRestarts) {
          options.giveUp(
            `PostgreSQL could not be kept running (${maxRestarts} restarts within ` +
              `${Math.round(windowMs / 60_000)} minutes; see ${postgres.logFile}). ` +
              'MiniFlow is stopping so that a process manager can take over.',
          );
          return;
        }
        restarts.push(now);
        await new Promise((r) =>
          setTimeout(r, Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1))),
        );
        if (options.stopping()) return;
        try {
          await postgres.restart();
          options.say(`PostgreSQL is running again (attempt ${attempt}).`);
          return;
        } catch {
          options.say(`Restarting PostgreSQL failed (attempt ${attempt}); trying again…`);
        }
      }
    })();
  });
}
