import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { environmentSecrets } from '../secrets/env-secrets';
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
  /**
   * Takes a warning or error whose `err` only says the database is unreachable and returns
   * true when it accounted for it (the line is then not written): an outage is reported
   * once, not with a stack per failed operation.
   */
  onDatabaseUnreachable?: (error: unknown) => boolean;
}

export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** `auto`: readable lines on a terminal and in development, JSON lines for log collectors. */
export function logFormatIsPretty(
  format: LogFormat,
  where: { development: boolean; terminal: boolean },
): boolean {
  if (format === 'auto') return where.development || where.terminal;
  return format === 'pretty';
}

const WARN = 40;

export function parseLogLevel(value: string | undefined): LevelWithSilent {
  if (value === undefined || value === '') return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === value);
  if (!level) throw new Error(`MINIFLOW_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return level;
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
        logMethod(args, method, level) {
          const [first] = args as unknown[];
          if (
            options.onDatabaseUnreachable &&
            level >= WARN &&
            first !== null &&
            typeof first === 'object' &&
            options.onDatabaseUnreachable(first)
          ) {
            return;
          }
          const list = secrets();
          const clean = args.map((arg) => redactLogValue(arg, list)) as Parameters<typeof method>;
          method.apply(this, clean);
        },
      },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
