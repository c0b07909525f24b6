import type { Logger } from 'pino';
import { checkEnv } from './env';
import { createLogger } from './logging/create-logger';

export { withLogContext } from './logging/log-context';

// One logger per process, shared by the web app's bundled routes and the code `npm start`
// and the worker load directly (see log-context.ts).
const KEY = Symbol.for('miniflow.logger');
const holder = globalThis as { [KEY]?: Logger };

/**
 * Structured JSON logs at MINIFLOW_LOG_LEVEL, human-readable in development. Every line
 * carries the request, run and step it was written for; credentials and secret values
 * are redacted wherever they appear in a logged object, so a careless
 * `logger.info({ headers })` cannot leak them.
 */
export const logger: Logger = (holder[KEY] ??= loggerFromEnv());

function loggerFromEnv(): Logger {
  // Checked, not remembered: created on import, before tests (and npm start) have set the
  // variables other modules read on first use.
  const { MINIFLOW_LOG_LEVEL, NODE_ENV } = checkEnv();
  return createLogger({ level: MINIFLOW_LOG_LEVEL, pretty: NODE_ENV === 'development' });
}
