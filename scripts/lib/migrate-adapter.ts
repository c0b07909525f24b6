/**
 * The driver adapter handed to the Prisma CLI (Wasm schema engine). It works around three
 * bugs of @prisma/adapter-pg 6.19.3 that only bite Prisma Migrate; the app's own client
 * uses the adapter unchanged. See docs/adr/0002-prisma-6-offline-migrations.md.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const OID_CHAR = 18; // PostgreSQL "char"
const OID_NAME = 19; // PostgreSQL name
const OID_TEXT = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character of @prisma/driver-adapter-utils

type Field = { dataTypeID: number };
type Queryable = {
  performIO: (query: unknown) => Promise<{ fields: Field[]; rows: unknown[] }>;
  queryRaw: (query: unknown) => Promise<{ columnTypes: number[] }>;
};

let patched = false;

/**
 * Bug 1: the engine's catalog queries return `name` and `"char"` columns, which the
 * adapter refuses to deserialize. Report both as text to the adapter's own mapping, then
 * tell the engine that `"char"` columns are Character columns.
 */
function patchCatalogTypes(queryable: object): void {
  if (patched) return;
  patched = true;
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(queryable)) as Queryable;
  const performIO = proto.performIO;
  const queryRaw = proto.queryRaw;
  const charColumns = new WeakMap<object, number[]>();
  proto.performIO = async function (this: Queryable, query: unknown) {
    const result = await performIO.call(this, query);
    // A multi-statement script returns one result per statement and has no fields.
    if (!Array.isArray(result.fields)) return result;
    const chars: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === OID_CHAR) chars.push(i);
      if (field.dataTypeID === OID_CHAR || field.dataTypeID === OID_NAME) {
        field.dataTypeID = OID_TEXT;
      }
    });
    charColumns.set(query as object, chars);
    return result;
  };
  proto.queryRaw = async function (this: Queryable, query: unknown) {
    const result = await queryRaw.call(this, query);
    for (const i of charColumns.get(query as object) ?? [])
      result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
}

function poolConfig(databaseUrl: string): pg.PoolConfig {
  // Bug 2: the shadow pool is built as `{ ...config, database }`; a connectionString would
  // win over `database` and replay migrations into the main database. Separate fields.
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
    allowExitOnIdle: true,
  };
}

export function createMigrateAdapter(databaseUrl: string) {
  const config = poolConfig(databaseUrl);
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patchCatalogTypes(adapter);
    return adapter;
  };
  // Bug 3: the stock cleanup drops the shadow database while its own pool still holds
  // connections. Close the pool first, then drop with FORCE.
  factory.connectToShadowDb = async () => {
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client(config);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = new PrismaPg({ ...config, database });
    const adapter = await shadow.connect();
    patchCatalogTypes(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const cleanup = new pg.Client(config);
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await cleanup.end();
    };
    return adapter;
  };
  return factory;
}
