import type { Logger } from 'pino';
import { checkEnv } from './env';
import { DatabaseOutage, probeDatabaseUrl } from './db/database-outage';
import { createLogger, logFormatIsPretty } from './logging/create-logger';

export { withLogContext } from './logging/log-context';

// One logger per process, shared by the web app's bundled routes and the code `npm start`
// and the worker load directly (see log-context.ts).
const KEY = Symbol.for('miniflow.logger');
const OUTAGE_KEY = Symbol.for('miniflow.databaseOutage');
const holder = globalThis as { [KEY]?: Logger; [OUTAGE_KEY]?: DatabaseOutage };

/**
 * This process's account of database outages: errors that only say the database is
 * unreachable are counted there rather than logged one by one (see database-outage.ts).
 */
export function databaseOutage(): DatabaseOutage {
  holder[OUTAGE_KEY] ??= new DatabaseOutage({
    report: {
      warn: (fields, message) => logger.warn(fields, message),
      info: (fields, message) => logger.info(fields, message),
    },
    probe: probeDatabaseUrl,
  });
  return holder[OUTAGE_KEY];
}

/**
 * Structured JSON logs at MINIFLOW_LOG_LEVEL, human-readable on a terminal and in
 * development (MINIFLOW_LOG_FORMAT chooses otherwise). Every line
 * carries the request, run and step it was written for; credentials and secret values
 * are redacted wherever they appear in a logged object, so a careless
 * `logger.info({ headers })` cannot leak them.
 */
export const logger: Logger = (holder[KEY] ??= loggerFromEnv());

function loggerFromEnv(): Logger {
  // Checked, not remembered: created on import, before tests (and npm start) have set the
  // variables other modules read on first use.
  const { MINIFLOW_LOG_LEVEL, MINIFLOW_LOG_FORMAT, NODE_ENV } = checkEnv();
  return createLogger({
    level: MINIFLOW_LOG_LEVEL,
    pretty: logFormatIsPretty(MINIFLOW_LOG_FORMAT, {
      development: NODE_ENV === 'development',
      terminal: process.stdout.isTTY === true,
    }),
    onDatabaseUnreachable: (fields) =>
      databaseOutage().note(fields) ||
      // The queue's own errors while the database is away only repeat that it is away.
      ((fields as { component?: unknown }).component === 'queue' &&
        databaseOutage().noteConsequence()),
  });
}
