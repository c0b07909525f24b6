import type pg from 'pg';
import { logger } from '../logger';
import { RUN_CHANNEL, type RunNotice } from './notify';

/**
 * Sends run notices for changes already committed, batched, from a transaction of their
 * own that does not wait for its commit to reach the disk.
 *
 * A transaction that sends NOTIFY holds a lock shared by the whole PostgreSQL instance
 * from its commit until it ends, so notices that travel with the change serialise every
 * such commit, each waiting for the one before it to be flushed to disk. The optimistic
 * hot path (optimistic-apply.ts) commits its one statement first and sends the notice here:
 * the flushes of concurrent runs are shared again, and the serialised part is a commit that
 * writes nothing durable (a notice is not kept across a crash anyway). Notices still exist
 * only for committed changes; one may be lost if the process dies between the two.
 */
export interface AfterCommitNotices {
  send(notice: RunNotice): void;
  /** Resolves once every notice handed over so far has been sent (or given up). */
  flush(): Promise<void>;
}

const SEND = `SELECT count(*)::int AS sent
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed,
       unnest($2::text[]) AS payload, pg_notify($1, payload)`;

export function afterCommitNotices(pool: pg.Pool): AfterCommitNotices {
  let waiting: string[] = [];
  let sending: Promise<void> | undefined;

  const drain = async () => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await pool.query(SEND, [RUN_CHANNEL, batch]);
      } catch (error) {
        logger.warn({ err: error, notices: batch.length }, 'Run notices could not be sent');
      }
    }
  };

  return {
    send(notice) {
      waiting.push(JSON.stringify(notice));
      sending ??= drain().finally(() => (sending = undefined));
    },
    async flush() {
      while (sending) await sending;
    },
  };
}
