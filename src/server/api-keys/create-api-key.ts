import type { z } from 'zod';
import type { Db } from '../db';
import type { Actor } from '../services/actor';
import { requireRole } from '../services/actor';
import { assertCanGrant } from '../services/members/assert-can-grant';
import type { createApiKeyInput } from './api-key-inputs';
import { insertApiKey } from './insert-api-key';
import { serverPepper } from './server-pepper';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An admin makes a key of at most their own role; the answer holds the key, once. */
export async function createApiKey(db: Db, actor: Actor, input: z.infer<typeof createApiKeyInput>) {
  requireRole(actor, 'admin');
  assertCanGrant(actor, input.role);
  const expiresAt =
    input.expiresInDays === undefined ? null : new Date(Date.now() + input.expiresInDays * DAY_MS);
  return db.$transaction((tx) =>
    insertApiKey(tx, serverPepper(), {
      workspaceId: actor.workspaceId,
      name: input.name,
      role: input.role,
      expiresAt,
      createdById: actor.userId,
    }),
  );
}
