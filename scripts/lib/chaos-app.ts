import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One `npm start` of the chaos experiments, with everything it printed. */
export interface ChaosApp {
  proc: ChildProcess;
  output: () => string;
}

export interface ChaosAppOptions {
  root: string;
  dataDir: string;
  port: number;
  env?: Record<string, string>;
}

/** Starts `npm start` on the experiment's data folder and waits until it is ready. */
export async function startApp(options: ChaosAppOptions): Promise<ChaosApp> {
  let output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: options.root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(options.port),
      MINIFLOW_DATA_DIR: options.dataDir,
      MINIFLOW_LOG_FORMAT: 'json',
      MINIFLOW_LOG_LEVEL: 'info',
      MINIFLOW_ADMIN_EMAIL: 'chaos@miniflow.local',
      MINIFLOW_ADMIN_PASSWORD: 'chaos-password',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('MiniFlow is ready at')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    proc.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return { proc, output: () => output };
}

/** The URL of the embedded database a start in `dataDir` runs (its password and port). */
export function embeddedDatabaseUrl(dataDir: string): string {
  const { postgresPassword } = JSON.parse(
    readFileSync(path.join(dataDir, 'config.json'), 'utf8'),
  ) as { postgresPassword: string };
  return `postgresql://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${postmaster(dataDir).port}/miniflow`;
}

/** The running server's pid and port, from PostgreSQL's own lock file. */
export function postmaster(dataDir: string): { pid: number; port: number } {
  const lines = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** Lines of `text` logged at error level or above. */
export function errorLines(text: string): string[] {
  return text.split('\n').filter((line) => /"level":"(error|fatal)"/.test(line));
}
