import { isIP } from 'node:net';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLocal(host: string): boolean {
  if (host === '' || host.startsWith('/') || LOCAL_HOSTS.has(host)) return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Why MiniFlow's own database link deserves a warning at start, or undefined: a database on
 * another machine reached in plain text, or with TLS whose certificate is not checked.
 * `sslmode=verify-full` (with `sslrootcert=<CA file>` for a private CA) is what protects it.
 */
export function databaseTlsWarning(databaseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return undefined;
  }
  const host = url.searchParams.get('host') ?? decodeURIComponent(url.hostname);
  if (isLocal(host)) return undefined;
  const mode = url.searchParams.get('sslmode');
  const ssl = url.searchParams.get('ssl');
  if (mode === 'verify-full' || mode === 'verify-ca') return undefined;
  if (!mode && ssl !== 'true' && ssl !== '1') {
    return (
      `DATABASE_URL reaches ${host} without TLS: add sslmode=verify-full ` +
      '(and sslrootcert=<CA file> for a private CA)'
    );
  }
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') {
    return `DATABASE_URL reaches ${host} with sslmode=${mode}, which may not encrypt: use sslmode=verify-full`;
  }
  return undefined;
}
