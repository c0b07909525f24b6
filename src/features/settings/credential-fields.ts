import type { CredentialType } from '@/shared/credential-types';

export interface CredentialField {
  key: string;
  label: string;
  kind: 'text' | 'secret' | 'number' | 'tls' | 'multiline';
  optional?: boolean;
  defaultValue?: string;
}

const connection = (port: string): CredentialField[] => [
  { key: 'host', label: 'Host', kind: 'text' },
  { key: 'port', label: 'Port', kind: 'number', defaultValue: port },
  { key: 'database', label: 'Database', kind: 'text' },
  { key: 'user', label: 'User', kind: 'text' },
  { key: 'password', label: 'Password', kind: 'secret' },
  { key: 'tls', label: 'TLS', kind: 'tls', defaultValue: 'verify-full' },
  { key: 'ca', label: 'CA certificate (PEM, optional)', kind: 'multiline', optional: true },
];

/** What an admin fills in for each type; secret fields are password inputs, never prefilled. */
export const CREDENTIAL_FIELDS: Record<CredentialType, CredentialField[]> = {
  secret: [{ key: 'value', label: 'Value', kind: 'secret' }],
  httpHeader: [
    { key: 'name', label: 'Header name', kind: 'text' },
    { key: 'value', label: 'Header value', kind: 'secret' },
  ],
  httpBearer: [{ key: 'token', label: 'Token', kind: 'secret' }],
  basicAuth: [
    { key: 'username', label: 'Username', kind: 'text' },
    { key: 'password', label: 'Password', kind: 'secret' },
  ],
  postgres: connection('5432'),
  mysql: connection('3306'),
};

/** The form's text values as the data the server checks (numbers as numbers, blanks left out). */
export function credentialData(type: CredentialType, values: Record<string, string>) {
  const data: Record<string, unknown> = {};
  for (const field of CREDENTIAL_FIELDS[type]) {
    const value = values[field.key] ?? field.defaultValue ?? '';
    if (value === '' && field.optional) continue;
    data[field.key] = field.kind === 'number' && value !== '' ? Number(value) : value;
  }
  return data;
}
