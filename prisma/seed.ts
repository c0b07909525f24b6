/**
 * Seeds a database: the owner account and default workspace on first start.
 * `npm start` runs the same code; this entry is for `npx prisma db seed` and external
 * PostgreSQL set-ups.
 */
import { bootstrapOwner } from '../src/server/services/bootstrap-owner';
import { createDb } from '../src/server/db';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const db = createDb(databaseUrl);
const result = await bootstrapOwner(db, {
  email: process.env.MINIFLOW_ADMIN_EMAIL,
  password: process.env.MINIFLOW_ADMIN_PASSWORD,
});
if (result.created) {
  console.log(`Created owner ${result.email}`);
  if (result.generatedPassword) console.log(`Generated password: ${result.generatedPassword}`);
} else {
  console.log('Database already has users; nothing to seed.');
}
await db.$disconnect();
