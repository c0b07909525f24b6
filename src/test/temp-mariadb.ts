import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from '@/server/db/embedded-postgres';

export interface TempMariadb {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** A connection as that user, for setting up and checking tables. */
  connect(): Promise<mysql.Connection>;
  stop(): Promise<void>;
}

const SERVER = ['/usr/sbin/mariadbd', '/usr/bin/mariadbd'].find((p) => existsSync(p));
const INSTALL = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((p) =>
  existsSync(p),
);

/** Why no MariaDB can be started here, or undefined when one can. */
export const mariadbMissing =
  SERVER && INSTALL
    ? undefined
    : 'mariadbd is not installed (apt-get install mariadb-server; .ci/run does)';

async function waitForSocket(socket: string, exited: () => boolean) {
  for (let i = 0; i < 200; i += 1) {
    if (exited()) throw new Error('mariadbd exited during start-up');
    try {
      const c = await mysql.createConnection({ socketPath: socket, user: 'root' });
      return c;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('mariadbd did not accept connections within 20 s');
}

/**
 * A throw-away MariaDB server in a temporary folder, run as the `mysql` user, with a
 * database and a password-protected user reached over TCP on loopback.
 */
export async function startTempMariadb(database = 'shop'): Promise<TempMariadb> {
  if (!SERVER || !INSTALL) throw new Error(mariadbMissing);
  const dir = mkdtempSync(path.join(tmpdir(), 'miniflow-mariadb-'));
  const uid = Number(execFileSync('id', ['-u', 'mysql']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'mysql']).toString().trim());
  chownSync(dir, uid, gid);
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  execFileSync(
    INSTALL,
    ['--no-defaults', `--datadir=${data}`, '--user=mysql', '--skip-test-db'].concat(
      '--auth-root-authentication-method=normal',
    ),
    { stdio: 'ignore' },
  );
  const port = await freePort();
  const child = spawn(
    SERVER,
    ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`].concat([
      '--bind-address=127.0.0.1',
      '--user=mysql',
      '--skip-log-bin',
      `--pid-file=${dir}/pid`,
    ]),
    { stdio: 'ignore' },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const root = await waitForSocket(socket, () => exited);
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  try {
    await root.query(`CREATE DATABASE \`${database}\``);
    await root.query(`CREATE USER 'miniflow'@'%' IDENTIFIED BY '${password}'`);
    await root.query(`GRANT ALL ON \`${database}\`.* TO 'miniflow'@'%'`);
  } finally {
    await root.end();
  }
  const options = { host: '127.0.0.1', port, user: 'miniflow', password, database };
  return {
    ...options,
    connect: () => mysql.createConnection(options),
    async stop() {
      if (!exited) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
