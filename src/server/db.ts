import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';
import { env } from './env';

export type Db = PrismaClient;
/** A client or an interactive transaction: services accept either. */
export type DbTx = Omit<
  PrismaClient,
  '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'
>;

export function createDb(databaseUrl: string, poolSize = 10): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }),
  });
}

// One client per process, kept across Next's hot reloads in development.
const holder = globalThis as { __miniflowDb?: PrismaClient };

function instance(): PrismaClient {
  holder.__miniflowDb ??= createDb(env().DATABASE_URL, env().MINIFLOW_DB_POOL_SIZE);
  return holder.__miniflowDb;
}

/** The process's Prisma client, created on first use from DATABASE_URL. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = instance();
    const value: unknown = Reflect.get(client, prop);
    return typeof value === 'function'
      ? (value as (...a: unknown[]) => unknown).bind(client)
      : value;
  },
});
