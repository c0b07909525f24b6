import { Prisma } from '@/generated/prisma/client';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db, DbTx } from '../../db';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { validCase } from './stored-test-case';
import type { createTestCaseInput, updateTestCaseInput } from './test-case-inputs';

const shown = {
  id: true,
  name: true,
  definition: true,
  lastResult: true,
  updatedAt: true,
} as const;

/** Adds a case to a workflow; its name must be free among the workflow's cases. */
export async function createTestCase(
  db: Db,
  actor: Actor,
  input: z.infer<typeof createTestCaseInput>,
) {
  requireRole(actor, 'editor');
  const testCase = validCase(input.testCase);
  return db.$transaction(async (tx) => {
    const workflow = await tx.workflow.findFirst({
      where: { id: input.workflowId, workspaceId: actor.workspaceId },
      select: { id: true },
    });
    if (!workflow) throw notFound('Workflow');
    await assertNameFree(tx, workflow.id, testCase.name);
    const row = await tx.testCase.create({
      data: {
        workspaceId: actor.workspaceId,
        workflowId: workflow.id,
        name: testCase.name,
        definition: testCase as Prisma.InputJsonValue,
        createdById: actor.userId,
      },
      select: shown,
    });
    await audit(tx, actor, 'test_case.created', row.id, {
      workflowId: workflow.id,
      name: row.name,
    });
    return row;
  });
}

/** Replaces a case; its last result no longer describes it, so it is cleared. */
export async function updateTestCase(
  db: Db,
  actor: Actor,
  input: z.infer<typeof updateTestCaseInput>,
) {
  requireRole(actor, 'editor');
  const testCase = validCase(input.testCase);
  return db.$transaction(async (tx) => {
    const existing = await tx.testCase.findFirst({
      where: { id: input.id, workspaceId: actor.workspaceId },
      select: { id: true, workflowId: true, name: true },
    });
    if (!existing) throw notFound('Test case');
    if (existing.name !== testCase.name)
      await assertNameFree(tx, existing.workflowId, testCase.name);
    const row = await tx.testCase.update({
      where: { id: existing.id },
      data: {
        name: testCase.name,
        definition: testCase as Prisma.InputJsonValue,
        lastResult: Prisma.DbNull,
      },
      select: shown,
    });
    await audit(tx, actor, 'test_case.updated', row.id, {
      workflowId: existing.workflowId,
      name: row.name,
    });
    return row;
  });
}

/** Removes a case. */
export async function deleteTestCase(db: Db, actor: Actor, id: string) {
  requireRole(actor, 'editor');
  return db.$transaction(async (tx) => {
    const existing = await tx.testCase.findFirst({
      where: { id, workspaceId: actor.workspaceId },
      select: { id: true, workflowId: true, name: true },
    });
    if (!existing) throw notFound('Test case');
    await tx.testCase.delete({ where: { id: existing.id } });
    await audit(tx, actor, 'test_case.deleted', existing.id, {
      workflowId: existing.workflowId,
      name: existing.name,
    });
    return { id: existing.id };
  });
}

async function assertNameFree(tx: DbTx, workflowId: string, name: string): Promise<void> {
  const taken = await tx.testCase.findFirst({ where: { workflowId, name }, select: { id: true } });
  if (taken) {
    throw new AppError(
      'CONFLICT',
      `testCase.name: this workflow already has a test named "${name}"`,
    );
  }
}

function audit(tx: DbTx, actor: Actor, action: string, id: string, data: Record<string, unknown>) {
  return recordAudit(tx, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action,
    targetType: 'test_case',
    targetId: id,
    data,
  });
}
