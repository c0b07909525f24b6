import { z } from 'zod';

const text = (max = 4096) =>
  z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

const port = (fallback: number) =>
  z
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(65535, 'must be at most 65535')
    .default(fallback);

export const TLS_MODES = ['disable', 'require', 'verify-full'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

const database = (defaultPort: number) =>
  z.strictObject({
    host: text(255).regex(/^[A-Za-z0-9.:_-]+$/, 'must be a host name or an IP address'),
    port: port(defaultPort),
    database: text(255),
    user: text(255),
    password: z.string({ error: 'must be a string' }).max(4096, 'must be at most 4096 characters'),
    /**
     * disable: plain TCP; require: encrypted, certificate not checked; verify-full: encrypted
     * to a server whose certificate matches the host (against `ca` when given).
     */
    tls: z
      .enum(TLS_MODES, { error: 'must be disable, require or verify-full' })
      .default('verify-full'),
    ca: z.string().max(65536, 'must be at most 65536 characters').optional(),
  });

/** The data of each credential type: what an admin enters; none of it is ever shown again. */
export const CREDENTIAL_DATA = {
  secret: z.strictObject({ value: text(65536) }),
  httpHeader: z.strictObject({
    name: text(255).regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name'),
    value: text(8192),
  }),
  httpBearer: z.strictObject({ token: text(8192) }),
  basicAuth: z.strictObject({ username: text(255), password: text(4096) }),
  postgres: database(5432),
  mysql: database(3306),
} as const;

export type CredentialType = keyof typeof CREDENTIAL_DATA;
export const CREDENTIAL_TYPES = Object.keys(CREDENTIAL_DATA) as CredentialType[];

export type CredentialData<T extends CredentialType = CredentialType> = z.output<
  (typeof CREDENTIAL_DATA)[T]
>;

export const CREDENTIAL_TYPE_LABELS: Record<CredentialType, string> = {
  secret: 'Secret value',
  httpHeader: 'HTTP header',
  httpBearer: 'HTTP bearer token',
  basicAuth: 'Basic auth',
  postgres: 'PostgreSQL connection',
  mysql: 'MySQL connection',
};

/** Credential names are what `$secret('<name>')` and `credential` params refer to. */
export const credentialName = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]*$/,
    'must start with a letter or _ and hold only letters, digits, _ . -',
  );

/** The value `$secret('<name>')` gives for a credential of each type. */
export function secretValueOf(
  type: CredentialType,
  data: Record<string, unknown>,
): string | undefined {
  const field = {
    secret: 'value',
    httpHeader: 'value',
    httpBearer: 'token',
    basicAuth: 'password',
    postgres: 'password',
    mysql: 'password',
  }[type];
  const value = data[field];
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a credential worth masking: its passwords, tokens and values. */
export function sensitiveValuesOf(type: CredentialType, data: Record<string, unknown>): string[] {
  const value = secretValueOf(type, data);
  const values = value ? [value] : [];
  if (type === 'basicAuth') values.push(`${String(data.username)}:${String(data.password)}`);
  return values;
}
