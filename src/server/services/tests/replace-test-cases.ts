import type { TestCase } from '@/engine';
import { Prisma } from '@/generated/prisma/client';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { sameJson } from '@/shared/same-json';
import { checkCaseAt } from './stored-test-case';
import type { replaceTestCasesInput } from './test-case-inputs';

/**
 * Makes the given cases the workflow's whole suite, as a synced folder has it: cases of the
 * same name are replaced when they differ, new ones added, the others removed. Cases that
 * are equal keep their last result, and a suite that is already equal changes nothing.
 */
export async function replaceTestCases(
  db: Db,
  actor: Actor,
  input: z.infer<typeof replaceTestCasesInput>,
) {
  requireRole(actor, 'editor');
  const cases = validCases(input.cases);
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
          select: { id: true, name: true, definition: true },
        })
      ).map((c) => [c.name, c]),
    );
    const counts = { created: 0, updated: 0, deleted: 0 };
    for (const testCase of cases) {
      const definition = testCase as Prisma.InputJsonValue;
      const current = existing.get(testCase.name);
      existing.delete(testCase.name);
      if (!current) {
        await tx.testCase.create({
          data: {
            workspaceId: actor.workspaceId,
            workflowId: workflow.id,
            name: testCase.name,
            definition,
            createdById: actor.userId,
          },
        });
        counts.created += 1;
      } else if (!sameJson(current.definition, testCase)) {
        await tx.testCase.update({
          where: { id: current.id },
          data: { definition, lastResult: Prisma.DbNull },
        });
        counts.updated += 1;
      }
    }
    if (existing.size > 0) {
      await tx.testCase.deleteMany({
        where: { id: { in: [...existing.values()].map((c) => c.id) } },
      });
      counts.deleted = existing.size;
    }
    if (counts.created + counts.updated + counts.deleted > 0) {
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        action: 'test_case.replaced',
        targetType: 'workflow',
        targetId: workflow.id,
        data: counts,
      });
    }
    return { ...counts, cases: cases.length };
  });
}

/** Each case in the case format, names unique; every problem is reported with its path. */
function validCases(values: unknown[]): TestCase[] {
  const problems: string[] = [];
  const cases: TestCase[] = [];
  const names = new Set<string>();
  values.forEach((value, i) => {
    const checked = checkCaseAt(value, `cases[${i}]`);
    if (!checked.ok) {
      problems.push(...checked.problems);
      return;
    }
    if (names.has(checked.testCase.name)) {
      problems.push(`cases[${i}].name: another case is already named "${checked.testCase.name}"`);
    }
    names.add(checked.testCase.name);
    cases.push(checked.testCase);
  });
  if (problems.length > 0) throw new AppError('BAD_REQUEST', problems.slice(0, 10).join('; '));
  return cases;
}
