import { isIP } from 'node:net';
import type { CredentialData } from '@/shared/credential-types';

export type DatabaseCredential = CredentialData<'postgres'>;

/** TLS options for node-postgres and mysql2 from a credential's mode and CA. */
export function tlsOptions(data: DatabaseCredential) {
  if (data.tls === 'disable') return undefined;
  if (data.tls === 'require') return { rejectUnauthorized: false };
  // verify-full: the certificate must chain to the CA (or the system's) and name the host.
  // The connection goes to the address resolved before, so the name is given for the check;
  // an address is checked as itself (TLS sends no address as server name).
  return {
    rejectUnauthorized: true,
    ...(isIP(data.host) ? {} : { servername: data.host }),
    ...(data.ca ? { ca: data.ca } : {}),
  };
}
