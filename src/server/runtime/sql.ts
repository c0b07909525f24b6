import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DbTx } from '../db';

/**
 * The runtime's database access: plain SQL on one connection inside a transaction. Its hot
 * paths (step results, webhooks, cron ticks) run on node-postgres directly, several times
 * faster per statement than through the ORM; services that compose a runtime call with
 * their own ORM writes pass their Prisma transaction instead (docs/adr/0005).
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** A Prisma transaction or a runtime Sql: runtime functions accept either. */
export type SqlLike = Sql | DbTx;

function isSql(value: SqlLike): value is Sql {
  return typeof (value as Sql).query === 'function' && !('$queryRawUnsafe' in value);
}

export function asSql(value: SqlLike): Sql {
  if (isSql(value)) return value;
  return {
    query: <T>(text: string, params: unknown[] = []) => value.$queryRawUnsafe<T[]>(text, ...params),
  };
}

/** Anything node-postgres can query through: a pooled client, or the pool for one statement. */
type Queryable = { query: (config: pg.QueryConfig) => Promise<pg.QueryResult> };

// The runtime's statements are few and fixed: name them, so each connection parses and
// plans each one once instead of on every call.
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `mf_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

export function pgSql(client: Queryable): Sql {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const result = await client.query({ name: statementName(text), text, values: params });
      return result.rows as T[];
    },
  };
}

/** A transaction ran past its time limit; it is rolled back. */
export class TransactionTimeoutError extends Error {
  constructor(limitMs: number) {
    super(
      `The transaction exceeded its time limit of ${limitMs} ms (MINIFLOW_TRANSACTION_TIMEOUT_MS)`,
    );
    this.name = 'TransactionTimeoutError';
  }
}

/**
 * A transaction's statements, refused once `limitMs` has passed since it began: a workflow
 * whose inline work keeps a transaction busy between statements cannot hold its locks and
 * connection for ever (PostgreSQL's statement timeout bounds each statement, and its
 * idle-in-transaction timeout the pauses, but neither the sum).
 */
function deadlineSql(sql: Sql, limitMs: number): Sql {
  const deadline = performance.now() + limitMs;
  return {
    query<T>(text: string, params?: unknown[]) {
      if (performance.now() > deadline) return Promise.reject(new TransactionTimeoutError(limitMs));
      return sql.query<T>(text, params);
    },
  };
}

/**
 * Runs `fn` in a transaction on one pooled connection; rolls back when it throws, or when
 * it is still going after `timeoutMs`.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (sql: Sql) => Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const sql = pgSql(client);
    const result = await fn(timeoutMs === undefined ? sql : deadlineSql(sql, timeoutMs));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      // The connection itself failed: hand it back as broken so the pool drops it.
      broken = rollbackError as Error;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** JSON for a `$n::jsonb` parameter (undefined becomes SQL NULL). */
export const jsonb = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

/** A UTC instant for a `($n::timestamptz AT TIME ZONE 'UTC')` parameter (Prisma's columns). */
export const utc = (ms: number | undefined): string | null =>
  ms === undefined ? null : new Date(ms).toISOString();
