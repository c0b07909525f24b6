import type { Db } from '../../db';

export interface VersionAuthor {
  name: string | null;
  email: string;
}

/**
 * Names of the people who published versions. Versions keep only the user id (a user may
 * leave the workspace later and their versions must still say who made them).
 */
export async function versionAuthors(
  db: Db,
  userIds: readonly (string | null)[],
): Promise<Map<string, VersionAuthor>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, email: true },
  });
  return new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
}
