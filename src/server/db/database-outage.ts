import pg from 'pg';
import { isDatabaseUnreachable } from './database-unreachable';

export interface OutageReporter {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface DatabaseOutageOptions {
  report: OutageReporter;
  /** Resolves when the database answers again; rejects while it does not. */
  probe: () => Promise<void>;
  probeEveryMs?: number;
  now?: () => number;
}

interface Down {
  since: number;
  failures: number;
}

/**
 * One account of a database outage per process. Every failure that only says "the database
 * is unreachable" is counted here instead of being logged with its stack: the log says once
 * that the database went away and once that it is back, with how many operations failed in
 * between. While it is down, a probe checks every second whether it answers again.
 */
export class DatabaseOutage {
  private down: Down | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: DatabaseOutageOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Counts `error` when it means the database is unreachable; false for any other error. */
  note(error: unknown): boolean {
    if (!isDatabaseUnreachable(error)) return false;
    if (this.down) {
      this.down.failures += 1;
      return true;
    }
    this.down = { since: this.now(), failures: 1 };
    this.options.report.warn(
      { reason: shortReason(error) },
      'The database is unreachable; requests that need it answer 503 until it is back',
    );
    this.timer = setInterval(() => void this.check(), this.options.probeEveryMs ?? 1_000);
    this.timer.unref();
    return true;
  }

  /**
   * Counts a failure that only follows from the outage (the queue tearing down a worker
   * pool whose connections died, say) while the database is down; false otherwise.
   */
  noteConsequence(): boolean {
    if (!this.down) return false;
    this.down.failures += 1;
    return true;
  }

  isDown(): boolean {
    return this.down !== undefined;
  }

  /** Stops probing (the process is stopping). */
  close(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.probing || !this.down) return;
    this.probing = true;
    try {
      await this.options.probe();
      const { since, failures } = this.down;
      this.down = undefined;
      clearInterval(this.timer);
      this.options.report.info(
        { downForMs: this.now() - since, failures },
        `The database is back after ${((this.now() - since) / 1000).toFixed(1)} s; ${failures} operation(s) failed meanwhile`,
      );
    } catch {
      // Still down: the next probe tries again.
    } finally {
      this.probing = false;
    }
  }
}

/** The error's own words without addresses or credentials, for the one line that is logged. */
function shortReason(error: unknown): string {
  const text = firstMessage(error, 4) ?? String(error);
  const last = text.trim().split('\n').pop() ?? '';
  return last.replace(/postgres(ql)?:\/\/\S+/g, '[database]').slice(0, 200);
}

/** The message of the error, or of one it wraps (log fields, causes): never "[object Object]". */
function firstMessage(error: unknown, depth: number): string | undefined {
  if (error === null || typeof error !== 'object' || depth === 0) return undefined;
  const { message, code, cause, err, error: inner, fatalError } = error as Record<string, unknown>;
  if (typeof message === 'string' && message !== '') return message;
  for (const wrapped of [fatalError, err, inner, cause]) {
    const found = firstMessage(wrapped, depth - 1);
    if (found) return found;
  }
  return typeof code === 'string' ? code : undefined;
}

/** A probe of the database at DATABASE_URL, read when it runs (npm start sets it late). */
export function probeDatabaseUrl(): Promise<void> {
  return (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
}
