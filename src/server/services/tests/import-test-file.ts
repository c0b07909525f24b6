import { checkTestFile } from '@/engine';
import { Prisma } from '@/generated/prisma/client';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { importTestFileInput } from './test-case-inputs';

/**
 * Imports a test file (as `miniflow test` reads it, and as the Tests tab exports it) into a
 * workflow: each case replaces the workflow's case of the same name, or is added.
 */
export async function importTestFile(
  db: Db,
  actor: Actor,
  input: z.infer<typeof importTestFileInput>,
) {
  requireRole(actor, 'editor');
  const checked = checkTestFile(input.file);
  if (!checked.ok) {
    const shown = checked.errors
      .slice(0, 10)
      .map((e) => `file.${e.path || '(file)'}: ${e.message}`);
    throw new AppError('BAD_REQUEST', shown.join('; '));
  }
  return db.$transaction(async (tx) => {
    const workflow = await tx.workflow.findFirst({
      where: { id: input.workflowId, workspaceId: actor.workspaceId },
      select: { id: true },
    });
    if (!workflow) throw notFound('Workflow');
    const existing = new Map(
      (
        await tx.testCase.findMany({
          where: { workflowId: workflow.id },
          select: { id: true, name: true },
        })
      ).map((c) => [c.name, c.id]),
    );
    let created = 0;
    let updated = 0;
    for (const testCase of checked.file.cases) {
      const definition = testCase as Prisma.InputJsonValue;
      const id = existing.get(testCase.name);
      if (id) {
        await tx.testCase.update({
          where: { id },
          data: { definition, lastResult: Prisma.DbNull },
        });
        updated += 1;
      } else {
        await tx.testCase.create({
          data: {
            workspaceId: actor.workspaceId,
            workflowId: workflow.id,
            name: testCase.name,
            definition,
            createdById: actor.userId,
          },
        });
        created += 1;
      }
    }
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'test_case.imported',
      targetType: 'workflow',
      targetId: workflow.id,
      data: { created, updated },
    });
    return { created, updated };
  });
}
