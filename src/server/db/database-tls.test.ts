import { describe, expect, it } from 'vitest';
import { databaseTlsWarning } from './database-tls';

describe('databaseTlsWarning', () => {
  it('stays quiet for a local database and for verified TLS', () => {
    expect(databaseTlsWarning('postgresql://u:p@127.0.0.1:5432/db')).toBeUndefined();
    expect(databaseTlsWarning('postgresql://u:p@localhost/db')).toBeUndefined();
    expect(
      databaseTlsWarning(
        'postgresql://u:p@db.internal/db?sslmode=verify-full&sslrootcert=/etc/ca.pem',
      ),
    ).toBeUndefined();
  });

  it('warns when a database on another machine is reached without TLS', () => {
    expect(databaseTlsWarning('postgresql://u:p@db.internal:5432/db')).toMatch(
      /reaches db\.internal without TLS: add sslmode=verify-full/,
    );
    expect(databaseTlsWarning('postgresql://u:p@10.0.0.5/db?sslmode=prefer')).toMatch(
      /sslmode=prefer, which may not encrypt/,
    );
    expect(databaseTlsWarning('postgresql://u:p@10.0.0.5/db?sslmode=disable')).toMatch(/disable/);
  });
});
