import { db } from '@/server/db';
import { createUser } from './fixtures';

/** A user who administers the installation (sets quotas), in no workspace. */
export async function instanceAdmin(): Promise<string> {
  const user = await createUser();
  await db.user.update({ where: { id: user.id }, data: { instanceAdmin: true } });
  return user.id;
}
