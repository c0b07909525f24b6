import { processEnv } from '../env';
import type { RateLimit } from './token-bucket';

/** MINIFLOW_API_KEY_RATE_PER_SECOND and MINIFLOW_API_KEY_BURST: every request of a key. */
export function apiKeyLimit(): RateLimit {
  const env = processEnv();
  return { perSecond: env.MINIFLOW_API_KEY_RATE_PER_SECOND, burst: env.MINIFLOW_API_KEY_BURST };
}

/** MINIFLOW_USER_MUTATION_RATE_PER_SECOND and _BURST: the changes of a signed-in user. */
export function userMutationLimit(): RateLimit {
  const env = processEnv();
  return {
    perSecond: env.MINIFLOW_USER_MUTATION_RATE_PER_SECOND,
    burst: env.MINIFLOW_USER_MUTATION_BURST,
  };
}
