import type { Logger } from 'pino';
import { processEnv } from './env';
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
export const logger: Logger = (holder[KEY] ??= createLogger({
  level: processEnv().MINIFLOW_LOG_LEVEL,
  pretty: processEnv().NODE_ENV === 'development',
}));
