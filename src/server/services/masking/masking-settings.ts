import type { z } from 'zod';
import { BUILTIN_RULES } from '@/engine';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { forgetMasking } from '../../masking/workspace-masking';
import { requireRole, type Actor } from '../actor';
import type { addMaskingRuleInput, setBuiltinsInput } from './masking-inputs';

/** The workspace's masking: built-ins (each on or off) and its own rules. */
export async function getMasking(db: Db, actor: Actor) {
  requireRole(actor, 'viewer');
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: actor.workspaceId },
    select: {
      maskingBuiltins: true,
      envSecretFallback: true,
      maskingRules: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, name: true, kind: true, expression: true, createdAt: true },
      },
    },
  });
  return {
    builtins: BUILTIN_RULES.map((name) => ({
      name,
      enabled: workspace.maskingBuiltins.includes(name),
    })),
    rules: workspace.maskingRules,
    envSecretFallback: workspace.envSecretFallback,
  };
}

export async function setMaskingBuiltins(
  db: Db,
  actor: Actor,
  input: z.infer<typeof setBuiltinsInput>,
) {
  requireRole(actor, 'admin');
  const builtins = [...new Set(input.builtins)];
  await db.$transaction(async (tx) => {
    await tx.workspace.update({
      where: { id: actor.workspaceId },
      data: { maskingBuiltins: builtins },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'masking.builtins_set',
      targetType: 'workspace',
      targetId: actor.workspaceId,
      data: { builtins },
    });
  });
  forgetMasking(actor.workspaceId);
  return { builtins };
}

export async function addMaskingRule(
  db: Db,
  actor: Actor,
  input: z.infer<typeof addMaskingRuleInput>,
) {
  requireRole(actor, 'admin');
  const rule = await db.$transaction(async (tx) => {
    const taken = await tx.maskingRule.findUnique({
      where: { workspaceId_name: { workspaceId: actor.workspaceId, name: input.name } },
      select: { id: true },
    });
    if (taken) throw new AppError('CONFLICT', `name: a masking rule named ${input.name} exists`);
    const created = await tx.maskingRule.create({
      data: { workspaceId: actor.workspaceId, ...input, createdById: actor.userId },
      select: { id: true, name: true, kind: true, expression: true, createdAt: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'masking.rule_added',
      targetType: 'masking_rule',
      targetId: created.id,
      data: { name: created.name, kind: created.kind, expression: created.expression },
    });
    return created;
  });
  forgetMasking(actor.workspaceId);
  return rule;
}

export async function deleteMaskingRule(db: Db, actor: Actor, input: { id: string }) {
  requireRole(actor, 'admin');
  await db.$transaction(async (tx) => {
    const rule = await tx.maskingRule.findFirst({
      where: { id: input.id, workspaceId: actor.workspaceId },
      select: { id: true, name: true },
    });
    if (!rule) throw notFound('Masking rule');
    await tx.maskingRule.delete({ where: { id: rule.id } });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'masking.rule_deleted',
      targetType: 'masking_rule',
      targetId: rule.id,
      data: { name: rule.name },
    });
  });
  forgetMasking(actor.workspaceId);
  return { id: input.id, deleted: true as const };
}
