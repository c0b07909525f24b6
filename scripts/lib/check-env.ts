/**
 * Imported by `npm start` right after the mode is set and before any server module: those
 * read the environment as they load, and a bad variable must stop the start with its name,
 * not with a stack trace from deep inside an import.
 */
import { checkEnv, InvalidEnvironmentError } from '../../src/server/env';

try {
  checkEnv();
} catch (error) {
  if (!(error instanceof InvalidEnvironmentError)) throw error;
  console.error(`[miniflow] ${error.message}`);
  process.exit(1);
}
