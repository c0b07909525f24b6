import {
  maskSecrets,
  NO_MASKING,
  type CompiledMasking,
  type Flags,
  type LogLevel,
  type StepCache,
  type StepEvent,
  type StepPorts,
} from '@/engine';
import type { TimedEvent } from './runtime-types';

/** One line a step logged, as its record keeps it. */
export interface StepLogLine {
  at: number;
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
}

/** Room a step's record gives its resolved params and its logs (JSON characters each). */
export const STEP_INPUT_MAX_CHARS = 32_768;
export const STEP_LOGS_MAX_CHARS = 32_768;
export const STEP_LOG_MAX_LINES = 200;

/**
 * A value cut down to `max` JSON characters: kept whole when it fits, else replaced by a
 * marker with the start of its JSON, so one huge payload cannot bloat every run's rows.
 */
export function capJson(value: unknown, max: number): unknown {
  const text = JSON.stringify(value);
  if (text === undefined || text.length <= max) return value;
  return { truncated: true, size: text.length, preview: text.slice(0, max) };
}

/**
 * Watches one step attempt: wraps its ports so every secret it reads and every line it
 * logs are seen, and keeps the params it resolved. `finish` turns the attempt's event into
 * the timed event the runtime applies, with the secrets it read and whatever the workspace's
 * masking `rules` match masked everywhere: in the output and error, and in the input and
 * logs its record stores. Log lines are masked before they reach the process's log too, and
 * results before they reach the step cache: a hit replays them into later runs, whose records
 * and downstream steps must not see what this attempt's masking hid.
 */
export function captureStep(
  ports: StepPorts,
  clock: () => number,
  rules: CompiledMasking = NO_MASKING,
) {
  const revealed = new Set<string>();
  const logs: StepLogLine[] = [];
  let logChars = 0;
  let dropped = 0;
  let params: unknown;
  let cached = false;
  const headersOf = ports.secrets.httpHeaders?.bind(ports.secrets);
  const flags = ports.flags;
  // Inherits the lazy getters (sandbox, http) of the original: nothing is created early.
  const watched = Object.create(ports, {
    // A getter like the original's: the store is built only for a node with `cache` set.
    stepCache: {
      get: () => {
        const cache = ports.stepCache;
        return cache && maskedCache(cache, (value) => maskSecrets(value, revealed, { rules }));
      },
    },
    // Every variant served is logged on the attempt: the step details show which one it was.
    ...(flags
      ? {
          flags: {
            value: recordedFlags(flags, (level, message, fields) =>
              watched.logger.log(level, message, fields),
            ),
          },
        }
      : {}),
    secrets: {
      value: {
        async get(name: string) {
          const value = await ports.secrets.get(name);
          if (value) revealed.add(value);
          return value;
        },
        ...(headersOf
          ? {
              async httpHeaders(name: string) {
                const headers = await headersOf(name);
                for (const value of Object.values(headers)) {
                  revealed.add(value);
                  // The value without its scheme (`Bearer …`, `Basic …`) too.
                  const token = value.split(' ').slice(1).join(' ');
                  if (token) revealed.add(token);
                }
                return headers;
              },
            }
          : {}),
      },
    },
    logger: {
      value: {
        log(level: LogLevel, message: string, fields?: Record<string, unknown>) {
          const shown = maskSecrets({ message, fields }, revealed, { rules });
          ports.logger.log(level, shown.message, shown.fields);
          const line: StepLogLine = { at: clock(), level, message, ...(fields ? { fields } : {}) };
          const size = JSON.stringify(line).length;
          if (logs.length >= STEP_LOG_MAX_LINES || logChars + size > STEP_LOGS_MAX_CHARS) {
            dropped += 1;
            return;
          }
          logChars += size;
          logs.push(line);
        },
      },
    },
  }) as StepPorts;
  return {
    ports: watched,
    revealed: revealed as ReadonlySet<string>,
    onSecret: (_name: string, value: string) => {
      if (value) revealed.add(value);
    },
    onParams: (resolved: unknown) => {
      params = resolved;
    },
    onCacheHit: () => {
      cached = true;
    },
    finish(event: StepEvent, startedAt: number, finishedAt: number): TimedEvent {
      const lines: unknown[] = dropped
        ? [...logs, { at: finishedAt, level: 'warn', message: `${dropped} more lines not kept` }]
        : logs;
      const kept = {
        event,
        input: params === undefined ? undefined : capJson(params, STEP_INPUT_MAX_CHARS),
        logs: lines.length ? lines : undefined,
      };
      const masked = maskSecrets(kept, revealed, { rules });
      return {
        event: masked.event,
        startedAt,
        finishedAt,
        ...(masked.input === undefined ? {} : { input: masked.input }),
        ...(masked.logs === undefined ? {} : { logs: masked.logs }),
        ...(cached ? { cached: true as const } : {}),
      };
    },
  };
}

function maskedCache(cache: StepCache, mask: <T>(value: T) => T): StepCache {
  return {
    get: (key) => cache.get(key),
    set: (key, result, ttlSeconds) => cache.set(key, mask(result), ttlSeconds),
  };
}

function recordedFlags(
  flags: Flags,
  log: (level: LogLevel, message: string, fields: Record<string, unknown>) => void,
): Flags {
  return {
    async evaluate(key, context) {
      const evaluation = await flags.evaluate(key, context);
      const { variant, reason, ruleIndex } = evaluation;
      log(
        evaluation.reason === 'ERROR' ? 'warn' : 'info',
        variant === undefined
          ? `Flag "${key}": ${reason}`
          : `Flag "${key}" served variant "${variant}"`,
        { flag: key, variant, reason, ...(ruleIndex === undefined ? {} : { ruleIndex }) },
      );
      return evaluation;
    },
  };
}
