import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecondPostgres, type SecondPostgres } from '@/test/second-postgres';
import { createDb } from '../db';
import { migrate } from './migrate';

let server: SecondPostgres;
let caFile: string;

beforeAll(async () => {
  server = await startSecondPostgres('miniflow_tls');
  caFile = path.join(mkdtempSync(path.join(tmpdir(), 'miniflow-ca-')), 'ca.pem');
  writeFileSync(caFile, server.ca);
}, 120_000);
afterAll(() => server?.stop());

const urlWith = (query: string) =>
  `postgresql://${server.user}:${encodeURIComponent(server.password)}@localhost:${server.port}/${server.database}?${query}`;

describe("MiniFlow's own database over TLS", () => {
  it('migrates and connects with sslmode=verify-full and a CA file', async () => {
    const url = urlWith(`sslmode=verify-full&sslrootcert=${encodeURIComponent(caFile)}`);
    expect((await migrate(url)).length).toBeGreaterThan(0);
    const db = createDb(url, 1);
    try {
      const rows = await db.$queryRaw<{ ssl: boolean }[]>`
        SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`;
      expect(rows).toEqual([{ ssl: true }]);
    } finally {
      await db.$disconnect();
    }
  });

  it('refuses a server whose certificate the CA file does not vouch for', async () => {
    const other = path.join(path.dirname(caFile), 'other.pem');
    writeFileSync(other, otherCa());
    const db = createDb(urlWith(`sslmode=verify-full&sslrootcert=${encodeURIComponent(other)}`), 1);
    try {
      await expect(db.$queryRaw`SELECT 1`).rejects.toThrow();
    } finally {
      await db.$disconnect();
    }
  });
});

/** A CA certificate that signed nothing of this server's. */
function otherCa(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'miniflow-other-ca-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem'].concat([
      '-days',
      '1',
      '-subj',
      '/CN=Other CA',
    ]),
    { cwd: dir, stdio: 'ignore' },
  );
  return readFileSync(path.join(dir, 'c.pem'), 'utf8');
}
