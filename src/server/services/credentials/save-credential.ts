import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { CREDENTIAL_DATA } from '@/shared/credential-types';
import { recordAudit } from '../../audit/record-audit';
import type { Db, DbTx } from '../../db';
import { AppError, notFound } from '../../errors';
import { seal } from '../../secrets/envelope';
import { processKeyring } from '../../secrets/master-keyring';
import { requireRole, type Actor } from '../actor';
import { credentialChanged } from './credential-changes';
import type { createCredentialInput, replaceCredentialInput } from './credential-inputs';

/** Every id must be a workflow of the actor's workspace: another's is not found. */
async function checkWorkflows(tx: DbTx, actor: Actor, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await tx.workflow.count({
    where: { id: { in: unique }, workspaceId: actor.workspaceId },
  });
  if (found !== unique.length) throw notFound('Workflow');
  return unique;
}

export async function createCredential(
  db: Db,
  actor: Actor,
  input: z.infer<typeof createCredentialInput>,
) {
  requireRole(actor, 'admin');
  const data = CREDENTIAL_DATA[input.type].parse(input.data);
  const id = `cred_${randomUUID().replace(/-/g, '')}`;
  const created = await db.$transaction(async (tx) => {
    const taken = await tx.credential.findUnique({
      where: { workspaceId_name: { workspaceId: actor.workspaceId, name: input.name } },
      select: { id: true },
    });
    if (taken) throw new AppError('CONFLICT', `name: a credential named ${input.name} exists`);
    const allowed = await checkWorkflows(tx, actor, input.allowedWorkflowIds ?? []);
    const sealed = seal(
      processKeyring(),
      { workspaceId: actor.workspaceId, credentialId: id, version: 1 },
      data,
    );
    const row = await tx.credential.create({
      data: {
        id,
        workspaceId: actor.workspaceId,
        name: input.name,
        type: input.type,
        ...sealed,
        allowedWorkflowIds: allowed,
        createdById: actor.userId,
        updatedById: actor.userId,
      },
      select: {
        id: true,
        name: true,
        type: true,
        version: true,
        allowedWorkflowIds: true,
        createdAt: true,
      },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'credential.created',
      targetType: 'credential',
      targetId: row.id,
      data: { name: row.name, type: row.type },
    });
    return row;
  });
  return { ...created, set: true as const };
}

/** New data (and type, and workflows) under a new version; pools of the old one close. */
export async function replaceCredential(
  db: Db,
  actor: Actor,
  input: z.infer<typeof replaceCredentialInput>,
) {
  requireRole(actor, 'admin');
  const data = CREDENTIAL_DATA[input.type].parse(input.data);
  const replaced = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; version: number; name: string }[]>`
      SELECT id, version, name FROM "Credential"
      WHERE id = ${input.id} AND "workspaceId" = ${actor.workspaceId} FOR UPDATE`;
    const current = locked[0];
    if (!current) throw notFound('Credential');
    const allowed = await checkWorkflows(tx, actor, input.allowedWorkflowIds ?? []);
    const version = current.version + 1;
    const sealed = seal(
      processKeyring(),
      { workspaceId: actor.workspaceId, credentialId: current.id, version },
      data,
    );
    const row = await tx.credential.update({
      where: { id: current.id },
      data: {
        type: input.type,
        version,
        ...sealed,
        allowedWorkflowIds: allowed,
        updatedById: actor.userId,
        updatedAt: new Date(),
      },
      select: {
        id: true,
        name: true,
        type: true,
        version: true,
        allowedWorkflowIds: true,
        updatedAt: true,
      },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'credential.replaced',
      targetType: 'credential',
      targetId: row.id,
      data: { name: row.name, type: row.type, version },
    });
    return row;
  });
  credentialChanged({ workspaceId: actor.workspaceId, credentialId: replaced.id });
  return { ...replaced, set: true as const };
}

export async function deleteCredential(db: Db, actor: Actor, input: { id: string }) {
  requireRole(actor, 'admin');
  await db.$transaction(async (tx) => {
    const row = await tx.credential.findFirst({
      where: { id: input.id, workspaceId: actor.workspaceId },
      select: { id: true, name: true, type: true },
    });
    if (!row) throw notFound('Credential');
    await tx.credential.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'credential.deleted',
      targetType: 'credential',
      targetId: row.id,
      data: { name: row.name, type: row.type },
    });
  });
  credentialChanged({ workspaceId: actor.workspaceId, credentialId: input.id });
  return { id: input.id, deleted: true as const };
}

/** Whether `$secret()` may fall back to the instance's MINIFLOW_SECRET_* variables. */
export async function setEnvSecretFallback(db: Db, actor: Actor, input: { enabled: boolean }) {
  requireRole(actor, 'owner');
  await db.$transaction(async (tx) => {
    await tx.workspace.update({
      where: { id: actor.workspaceId },
      data: { envSecretFallback: input.enabled },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'credential.env_fallback_set',
      targetType: 'workspace',
      targetId: actor.workspaceId,
      data: { enabled: input.enabled },
    });
  });
  credentialChanged({ workspaceId: actor.workspaceId, credentialId: '' });
  return { enabled: input.enabled };
}
