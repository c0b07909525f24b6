import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { waitUntil } from './runtime-waits';

export interface WorkerProcess {
  child: ChildProcess;
  /** The worker id it printed (its WorkerHeartbeat row). */
  id: string;
  /** Exit code or signal once it exited; undefined while it runs. */
  exited(): number | string | undefined;
  /** SIGTERM (a clean stop, SIGKILL after 5 s) or SIGKILL (a crash); waits for the exit. */
  kill(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * Starts src/test/worker-process.ts in a child process: a real worker that can crash (an
 * unhandled rejection ends it, as in production) or be killed.
 */
export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/test/worker-process.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const id = await waitUntil(
    'the worker process to start',
    () => {
      if (child.exitCode !== null) throw new Error(`Worker process exited (${child.exitCode})`);
      return /ready (\S+)/.exec(out)?.[1];
    },
    30_000,
  );
  return {
    child,
    id,
    exited: () => child.exitCode ?? child.signalCode ?? undefined,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exit = once(child, 'exit');
      child.kill(signal);
      // A clean stop waits for the database; if that is gone too, do not leave it behind.
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(force);
    },
  };
}
