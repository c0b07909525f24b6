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

const MAX_DEPTH = 20;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of a log call's fields or message with credentials censored and every secret
 * value masked. Only strings, arrays, plain objects and errors are walked: other objects
 * (streams, requests, class instances) are logged as pino would log them. Returns the
 * input itself when nothing had to change, so a clean line costs no copy.
 */
export function redactLogValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return maskString(value, secrets);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => redactLogValue(item, secrets, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value instanceof Error) return redactError(value, secrets, depth);
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = isCredentialKey(key) ? REDACTED : redactLogValue(item, secrets, depth + 1);
    if (next !== item) {
      copy ??= { ...value };
      copy[key] = next;
    }
  }
  return copy ?? value;
}

function maskString(value: string, secrets: readonly string[]): string {
  let out = value;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

function redactError(error: Error, secrets: readonly string[], depth: number): Error {
  const message = maskString(error.message, secrets);
  const stack = error.stack === undefined ? undefined : maskString(error.stack, secrets);
  const fields = redactLogValue({ ...error }, secrets, depth + 1) as Record<string, unknown>;
  const fieldsChanged = Object.keys(fields).some(
    (key) => fields[key] !== (error as unknown as Record<string, unknown>)[key],
  );
  if (message === error.message && stack === error.stack && !fieldsChanged) return error;
  const copy = Object.assign(new Error(message), fields);
  copy.name = error.name;
  copy.stack = stack;
  if (error.cause !== undefined) copy.cause = redactLogValue(error.cause, secrets, depth + 1);
  return copy;
}
