import { maskSecrets } from '@/engine/expr/mask-secrets';

export const REDACTED = '[redacted]';

const CREDENTIAL_KEYS = new Set([
  'password',
  'passphrase',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'credential',
  'credentials',
]);
const CREDENTIAL_SUFFIXES = ['secret', 'token', 'password', 'passwordhash', 'apikey', 'privatekey'];

/**
 * Keys whose values are credentials wherever they appear, in any case and spelling
 * (`apiKey`, `api_key`, `X-Api-Key`): passwords, tokens, keys, cookies, authorization
 * headers and anything named secret….
 */
export function isCredentialKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_]/g, '');
  return (
    CREDENTIAL_KEYS.has(normal) ||
    normal.startsWith('secret') ||
    CREDENTIAL_SUFFIXES.some((suffix) => normal.endsWith(suffix))
  );
}

/**
 * A log call's fields or message with credentials censored and every secret value masked,
 * by the walker that masks stored outputs. Only strings, arrays, plain objects and errors
 * are walked: other objects (streams, requests, class instances) are logged as pino would
 * log them. Returns the input itself when nothing had to change, so a clean line costs no
 * copy.
 */
export function redactLogValue(value: unknown, secrets: readonly string[]): unknown {
  return maskSecrets(value, secrets, {
    mask: REDACTED,
    isSecretKey: isCredentialKey,
    otherObjects: 'keep',
  });
}
