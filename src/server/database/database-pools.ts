import type mysql from 'mysql2/promise';
import type pg from 'pg';
import type { Database, DatabaseQuery } from '@/engine';
import { CREDENTIAL_DATA } from '@/shared/credential-types';
import { createAddressPolicy } from '../http/address-policy';
import type { ResolvedCredential } from '../secrets/resolve-credential';
import { onCredentialChange } from '../services/credentials/credential-changes';
import { databaseAddress } from './database-address';
import { createMysqlPool, mysqlQuery } from './mysql-query';
import { createPostgresPool, postgresQuery } from './postgres-query';

type Pool = { kind: 'postgres'; pool: pg.Pool } | { kind: 'mysql'; pool: mysql.Pool };

export interface DatabasePoolsOptions {
  allowPrivateNetwork: boolean;
}

/** A step asked for a credential that is missing or of another kind: retrying cannot help. */
export class CredentialUseError extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'CredentialUseError';
  }
}

/**
 * Connection pools per credential version: a replaced credential's pools close as soon as
 * this process hears of it or a run uses the new version; a deleted one's close at once.
 */
export class DatabasePools {
  private readonly pools = new Map<string, { version: number; pool: Promise<Pool> }>();
  private readonly policy;
  private readonly unsubscribe;

  constructor(options: DatabasePoolsOptions) {
    this.policy = createAddressPolicy({ allowPrivateNetwork: options.allowPrivateNetwork });
    this.unsubscribe = onCredentialChange(({ credentialId }) => this.drop(credentialId));
  }

  private drop(credentialId: string): void {
    const held = this.pools.get(credentialId);
    if (!held) return;
    this.pools.delete(credentialId);
    void held.pool.then(close, () => undefined);
  }

  private poolFor(credential: ResolvedCredential): Promise<Pool> {
    const held = this.pools.get(credential.id);
    if (held?.version === credential.version) return held.pool;
    if (held) this.drop(credential.id);
    const pool = this.open(credential);
    this.pools.set(credential.id, { version: credential.version, pool });
    pool.catch(() => {
      if (this.pools.get(credential.id)?.pool === pool) this.pools.delete(credential.id);
    });
    return pool;
  }

  private async open(credential: ResolvedCredential): Promise<Pool> {
    const { type, data } = databaseCredential(credential);
    const address = await databaseAddress(data.host, this.policy);
    return type === 'postgres'
      ? { kind: 'postgres', pool: createPostgresPool(data, address) }
      : { kind: 'mysql', pool: createMysqlPool(data, address) };
  }

  /**
   * The Database port of one run, reading credentials through `resolve`. `checkHost` sees
   * the credential's host before every query, pooled connection or not, so a host refused
   * since the pool opened is refused from then on.
   */
  forRun(
    resolve: (name: string) => Promise<ResolvedCredential | undefined>,
    checkHost: (host: string) => Promise<void> = async () => undefined,
  ): Database {
    return {
      query: async (query: DatabaseQuery, signal?: AbortSignal) => {
        const credential = await resolve(query.credential);
        if (!credential) throw new CredentialUseError(`No credential named "${query.credential}"`);
        await checkHost(databaseCredential(credential).data.host);
        const pool = await this.poolFor(credential);
        return pool.kind === 'postgres'
          ? postgresQuery(pool.pool, query, signal)
          : mysqlQuery(pool.pool, query);
      },
    };
  }

  async close(): Promise<void> {
    this.unsubscribe();
    const held = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(held.map((h) => h.pool.then(close, () => undefined)));
  }

  /** Credentials with an open pool, for tests of pool lifetimes. */
  openCredentialIds(): string[] {
    return [...this.pools.keys()];
  }
}

function databaseCredential(credential: ResolvedCredential) {
  if (credential.type !== 'postgres' && credential.type !== 'mysql') {
    throw new CredentialUseError(`Credential "${credential.name}" is not a database connection`);
  }
  return { type: credential.type, data: CREDENTIAL_DATA[credential.type].parse(credential.data) };
}

function close(pool: Pool): Promise<void> {
  return pool.pool.end().catch(() => undefined);
}
