import pg from 'pg';
import type { DatabaseQuery, DatabaseResult } from '@/engine';
import { tlsOptions, type DatabaseCredential } from './database-connection';

export function createPostgresPool(data: DatabaseCredential, address: string): pg.Pool {
  const tls = tlsOptions(data);
  const pool = new pg.Pool({
    host: address,
    port: data.port,
    database: data.database,
    user: data.user,
    password: data.password,
    ssl: tls ?? false,
    max: 4,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: 'miniflow',
  });
  // An idle connection whose server went away must not end the process.
  pool.on('error', () => undefined);
  return pool;
}

function columnsAndRows(result: pg.QueryResult<unknown[]>, maxRows: number) {
  const columns = result.fields.map((f) => f.name);
  const rows = result.rows.slice(0, maxRows).map((values) => {
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      Object.defineProperty(row, column, {
        value: values[i],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    return row;
  });
  return { columns, rows };
}

/**
 * One statement in its own transaction (read-only when asked) with a statement timeout; the
 * values travel as bind parameters. A cancelled step rolls back by closing the connection.
 */
export async function postgresQuery(
  pool: pg.Pool,
  query: DatabaseQuery,
  signal?: AbortSignal,
): Promise<DatabaseResult> {
  const client = await pool.connect();
  let broken = false;
  const onAbort = () => {
    broken = true;
    (
      client as unknown as { connection?: { stream?: { destroy(): void } } }
    ).connection?.stream?.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.query(query.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    await client.query(`SET LOCAL statement_timeout = ${Math.floor(query.timeoutMs)}`);
    const result = await client.query<unknown[]>({
      text: query.sql,
      values: query.params,
      rowMode: 'array',
    });
    await client.query('COMMIT');
    const { columns, rows } = columnsAndRows(result, query.maxRows);
    const rowCount = result.rowCount ?? result.rows.length;
    return { columns, rows, rowCount, truncated: result.rows.length > query.maxRows };
  } catch (error) {
    if (!broken) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    client.release(broken);
  }
}
