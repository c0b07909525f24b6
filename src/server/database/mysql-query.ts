import mysql from 'mysql2/promise';
import type { DatabaseQuery, DatabaseResult } from '@/engine';
import { tlsOptions, type DatabaseCredential } from './database-connection';

export function createMysqlPool(data: DatabaseCredential, address: string): mysql.Pool {
  const tls = tlsOptions(data);
  return mysql.createPool({
    host: address,
    port: data.port,
    database: data.database,
    user: data.user,
    password: data.password,
    ...(tls ? { ssl: tls } : {}),
    connectionLimit: 4,
    maxIdle: 4,
    idleTimeout: 30_000,
    connectTimeout: 10_000,
  });
}

/** As postgresQuery for MySQL and MariaDB: `?` placeholders, a client-side timeout. */
export async function mysqlQuery(pool: mysql.Pool, query: DatabaseQuery): Promise<DatabaseResult> {
  const connection = await pool.getConnection();
  let broken = false;
  try {
    await connection.query(query.readOnly ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION');
    const [result, fields] = await connection.query({
      sql: query.sql,
      values: query.params,
      timeout: query.timeoutMs,
    });
    await connection.query('COMMIT');
    if (!Array.isArray(result)) {
      const changed = (result as { affectedRows?: number }).affectedRows ?? 0;
      return { columns: [], rows: [], rowCount: changed, truncated: false };
    }
    const rows = (result as Record<string, unknown>[]).slice(0, query.maxRows);
    const columns = (fields ?? []).map((f) => f.name);
    return {
      columns,
      rows: rows.map((r) => ({ ...r })),
      rowCount: result.length,
      truncated: result.length > query.maxRows,
    };
  } catch (error) {
    // A timed-out query leaves the connection unusable: it is destroyed, not reused.
    broken = (error as { code?: string }).code === 'PROTOCOL_SEQUENCE_TIMEOUT';
    if (!broken) await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (broken) connection.destroy();
    else connection.release();
  }
}
