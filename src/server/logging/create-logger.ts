import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { SECRET_ENV_PREFIX, secretVariables } from '../env';
import { currentLogContext } from './log-context';
import { redactLogValue } from './redact-log-fields';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export interface LoggerOptions {
  /** MINIFLOW_LOG_LEVEL's value; `info` when unset. */
  level?: string | undefined;
  /** Human-readable lines instead of JSON (development). */
  pretty?: boolean;
  destination?: DestinationStream;
  /** Values never to print; by default those of every MINIFLOW_SECRET_* variable. */
  secrets?: () => readonly string[];
}

export function parseLogLevel(value: string | undefined): LevelWithSilent {
  if (value === undefined || value === '') return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === value);
  if (!level) throw new Error(`MINIFLOW_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

/**
 * Secret values from the environment, longest first so a secret containing another is
 * masked whole. Read on every line: a secret set after start (tests, reloads) is masked too,
 * and a scan of the environment costs microseconds.
 */
export function environmentSecrets(
  env: Readonly<Record<string, string | undefined>> = secretVariables(),
): string[] {
  const values: string[] = [];
  for (const key in env) {
    const value = env[key];
    if (key.startsWith(SECRET_ENV_PREFIX) && value) values.push(value);
  }
  return values.sort((a, b) => b.length - a.length);
}

/**
 * The process logger: JSON lines on stdout, each carrying the request, run and step ids of
 * the work it was written for (log-context.ts), with credentials and secret values
 * redacted before they are serialized.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? (() => environmentSecrets());
  const destination =
    options.destination ??
    (options.pretty
      ? pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' })
      : undefined);
  return pino(
    {
      level: parseLogLevel(options.level),
      base: { service: 'miniflow' },
      // Level names and ISO times read the same in a terminal and in any log stack.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => ({ ...currentLogContext() }),
      hooks: {
        logMethod(args, method) {
          const list = secrets();
          const clean = args.map((arg) => redactLogValue(arg, list)) as Parameters<typeof method>;
          method.apply(this, clean);
        },
      },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
