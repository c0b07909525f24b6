import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { createMigrateAdapter } from './scripts/lib/migrate-adapter';

// The CLI falls back to a native engine it would download when DATABASE_URL is unset;
// generating the client needs no database, so a placeholder keeps it offline.
process.env.DATABASE_URL ??= 'postgresql://miniflow:miniflow@127.0.0.1:5432/miniflow';
const databaseUrl = process.env.DATABASE_URL;

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => createMigrateAdapter(databaseUrl),
});
