import pino from 'pino';
import type { Clock, Logger, LogLevel, Random, StepPorts, Timer } from '../../engine';
import { maskSecrets } from '../../engine';
import { createMemoryStateStore } from '../../engine/state/memory-state-store';
import { evaluatorFromEnv } from '../expr/evaluator-from-env';
import { GuardedHttp } from '../http/guarded-http';
import { IsolatedVmSandbox } from '../sandbox/isolated-vm-sandbox';
import { createEnvSecrets, type Environment } from '../secrets/env-secrets';

/**
 * The engine's ports on a real Node process: wall clock, Math.random, setTimeout, isolated-vm,
 * expression processes, SSRF-guarded HTTP, secrets from the environment and an in-memory
 * state store. For in-process runs (the CLI); the server's worker swaps in durable secrets
 * and state.
 */

export const systemClock: Clock = { now: () => Date.now() };

export const systemRandom: Random = { next: () => Math.random() };

/** setTimeout-based; an abort resolves early and clears the timer so nothing keeps Node alive. */
export const systemTimer: Timer = {
  sleep(ms, signal) {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(handle);
        resolve();
      };
      const handle = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

export { createMemoryStateStore } from '../../engine/state/memory-state-store';

export interface PinoLoggerOptions {
  level?: LogLevel | 'silent';
  /** Where log lines go; stderr (fd 2) by default so stdout stays free for results. */
  fd?: number;
  /** Secret values to mask in every line (read lazily: secrets are revealed during the run). */
  secrets?: ReadonlySet<string>;
}

/** The Logger port on pino, JSON lines, written synchronously so nothing is lost on exit. */
export function createPinoLogger(options: PinoLoggerOptions = {}): Logger {
  const destination = pino.destination({ fd: options.fd ?? 2, sync: true });
  const log = pino({ level: options.level ?? 'info', base: { service: 'miniflow' } }, destination);
  const secrets = options.secrets;
  return {
    log(level, message, fields) {
      const line = { message, fields: fields ?? {} };
      const shown = secrets && secrets.size > 0 ? maskSecrets(line, secrets) : line;
      log[level](shown.fields, shown.message);
    },
  };
}

export interface NodePortsOptions {
  /** Lets HTTP steps reach loopback and private networks (self-hosted services). */
  allowPrivateNetwork?: boolean;
  logLevel?: LogLevel | 'silent';
  env?: Environment;
  /** Largest output a step may store, in bytes of JSON (MINIFLOW_STEP_OUTPUT_MAX_BYTES). */
  maxOutputBytes?: number;
}

export type NodePorts = StepPorts & {
  timer: Timer;
  /**
   * Stops the sandbox's isolates (waiting until none executes), ends the expression
   * processes and closes keep-alive sockets, so the process can exit.
   */
  dispose(): Promise<void>;
};

export function createNodePorts(options: NodePortsOptions = {}): NodePorts {
  const secrets = createEnvSecrets(options.env);
  const sandbox = new IsolatedVmSandbox();
  const http = new GuardedHttp({ allowPrivateNetwork: options.allowPrivateNetwork === true });
  // A hostile expression in a workflow file must not take the CLI down with it either.
  const expressions = evaluatorFromEnv(options.env);
  return {
    clock: systemClock,
    random: systemRandom,
    timer: systemTimer,
    http,
    sandbox,
    secrets,
    logger: createPinoLogger({
      ...(options.logLevel ? { level: options.logLevel } : {}),
      secrets: secrets.revealed,
    }),
    state: createMemoryStateStore(),
    expressions,
    ...(options.maxOutputBytes === undefined ? {} : { maxOutputBytes: options.maxOutputBytes }),
    async dispose() {
      http.close();
      expressions.dispose();
      await sandbox.close();
    },
  };
}
