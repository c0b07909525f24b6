import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startTempPostgres } from '../../scripts/lib/temp-postgres';

export interface SecondPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The CA that signed the server's certificate (PEM), for verify-full. */
  ca: string;
  /** A client on the database, for setting up and checking tables. */
  admin(): pg.Client;
  stop(): Promise<void>;
}

function openssl(args: string[], cwd: string) {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' });
}

/** A throw-away CA and a certificate for localhost and 127.0.0.1 signed by it. */
function makeCertificates(dir: string) {
  const days = ['-days', '2'];
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      ...days,
      '-subj',
      '/CN=MiniFlow test CA',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=localhost',
    ],
    dir,
  );
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      ...days,
      '-extfile',
      'san.ext',
    ],
    dir,
  );
}

/**
 * Another embedded PostgreSQL, as the database a workflow queries, with TLS switched on
 * (by reload, with a certificate of a throw-away CA) next to plain connections.
 */
export async function startSecondPostgres(database = 'shop'): Promise<SecondPostgres> {
  const server = await startTempPostgres('miniflow-second-pg-');
  const url = new URL(server.urlFor('postgres'));
  const certs = mkdtempSync(path.join(tmpdir(), 'miniflow-certs-'));
  chmodSync(certs, 0o755);
  makeCertificates(certs);
  // The server runs as the postgres user, which must own its key (mode 0600).
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  for (const file of ['server.key', 'server.crt']) {
    chownSync(path.join(certs, file), uid, uid);
    chmodSync(path.join(certs, file), 0o600);
  }
  const admin = () => new pg.Client({ connectionString: server.urlFor(database) });
  const root = new pg.Client({ connectionString: server.urlFor('postgres') });
  await root.connect();
  try {
    await root.query(`ALTER SYSTEM SET ssl_cert_file = '${path.join(certs, 'server.crt')}'`);
    await root.query(`ALTER SYSTEM SET ssl_key_file = '${path.join(certs, 'server.key')}'`);
    await root.query('ALTER SYSTEM SET ssl = on');
    await root.query('SELECT pg_reload_conf()');
    const exists = await root.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await root.query(`CREATE DATABASE "${database}"`);
  } finally {
    await root.end();
  }
  return {
    host: '127.0.0.1',
    port: server.port,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    ca: readFileSync(path.join(certs, 'ca.crt'), 'utf8'),
    admin,
    stop: () => server.stop(),
  };
}
