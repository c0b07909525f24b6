/**
 * `npm run db:migration:new -- <name>`: writes the SQL that takes the migrations to the
 * current prisma/schema.prisma into prisma/migrations/<timestamp>_<name>/, using a
 * throw-away embedded PostgreSQL for the shadow database.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runPrisma } from './lib/run-prisma';
import { startTempPostgres } from './lib/temp-postgres';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration:new -- <name in snake_case>');
  process.exit(2);
}

const pg = await startTempPostgres();
try {
  const diff = runPrisma(
    [
      'migrate',
      'diff',
      '--from-migrations',
      'prisma/migrations',
      '--to-schema-datamodel',
      'prisma/schema.prisma',
      '--script',
    ],
    pg.url,
  );
  if (diff.status !== 0) throw new Error(diff.stderr);
  if (!diff.stdout.trim() || diff.stdout.includes('-- This is an empty migration.')) {
    console.log('Schema and migrations already agree: no migration written.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join('prisma', 'migrations', `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), diff.stdout);
    console.log(`Wrote ${dir}/migration.sql`);
  }
} finally {
  await pg.stop();
}
