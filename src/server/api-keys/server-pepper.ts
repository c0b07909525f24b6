import { env } from '../env';
import { apiKeyPepper } from './key-hash';

let cached: { secret: string; pepper: Buffer } | undefined;

/** The pepper of this web server, from its AUTH_SECRET. */
export function serverPepper(): Buffer {
  const secret = env().AUTH_SECRET;
  if (cached?.secret !== secret) cached = { secret, pepper: apiKeyPepper(secret) };
  return cached.pepper;
}
