import type { Secrets } from '@/engine';
import { SECRET_ENV_PREFIX, secretVariables } from '../env';

/** process.env's shape, without the NODE_ENV that framework typings make mandatory. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * `$secret("name")` reads `MINIFLOW_SECRET_<NAME>`. The exact spelling wins; otherwise the
 * name is upper-cased with anything but letters, digits and `_` turned into `_`, because
 * environment variables cannot hold e.g. `-` or `.` portably.
 */
export function envSecretName(name: string): string {
  return SECRET_ENV_PREFIX + name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

export interface EnvSecrets extends Secrets {
  /** Every value handed out so far, for masking logs. */
  readonly revealed: ReadonlySet<string>;
}

export function createEnvSecrets(env?: Environment): EnvSecrets {
  const revealed = new Set<string>();
  return {
    revealed,
    async get(name) {
      // Read on each call: a secret set after start is seen too.
      const source = env ?? secretVariables();
      const value = source[SECRET_ENV_PREFIX + name] ?? source[envSecretName(name)];
      if (value !== undefined && value !== '') revealed.add(value);
      return value;
    },
  };
}

/**
 * Every secret value in the environment, for logs that must never print one. Read on every
 * line: a secret set after start (tests, reloads) is masked too, and a scan of the
 * environment costs microseconds.
 */
export function environmentSecrets(env: Environment = secretVariables()): string[] {
  const values: string[] = [];
  for (const key in env) {
    const value = env[key];
    if (key.startsWith(SECRET_ENV_PREFIX) && value) values.push(value);
  }
  return values;
}
