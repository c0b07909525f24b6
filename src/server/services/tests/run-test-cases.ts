import {
  checkWorkflow,
  defaultRegistry,
  validateWorkflow,
  type WorkflowDefinition,
} from '@/engine';
import type { Prisma } from '@/generated/prisma/client';
import type { z } from 'zod';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { lastResultOf, runSuite, type SuiteResult } from './run-suite';
import type { runTestCasesInput } from './test-case-inputs';

/**
 * Runs a workflow's cases (all, or the ones listed) against its current draft and keeps each
 * one's result. Nothing reaches the world and no run is recorded.
 */
export async function runTestCases(
  db: Db,
  actor: Actor,
  input: z.infer<typeof runTestCasesInput>,
): Promise<SuiteResult> {
  requireRole(actor, 'operator');
  const workflow = await db.workflow.findFirst({
    where: { id: input.workflowId, workspaceId: actor.workspaceId },
    select: { id: true, draft: true },
  });
  if (!workflow) throw notFound('Workflow');
  const cases = await db.testCase.findMany({
    where: {
      workflowId: workflow.id,
      workspaceId: actor.workspaceId,
      ...(input.ids ? { id: { in: input.ids } } : {}),
    },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, definition: true },
  });
  if (input.ids && cases.length !== new Set(input.ids).size) throw notFound('Test case');
  const definition = runnableDraft(workflow.draft);
  const result = await runSuite(db, actor.workspaceId, workflow.id, definition, cases);
  await saveLastResults(db, result, 'draft');
  return result;
}

/** The draft as tests run it, or a bad-input error listing why it cannot run. */
export function runnableDraft(draft: unknown): WorkflowDefinition {
  const parsed = checkWorkflow(draft);
  const errors = parsed.ok
    ? validateWorkflow(parsed.workflow, defaultRegistry).errors
    : parsed.errors;
  if (!parsed.ok || errors.length > 0) {
    const shown = errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`);
    throw new AppError(
      'BAD_REQUEST',
      `The draft is invalid, so its tests cannot run: ${shown.join('; ')}`,
    );
  }
  return parsed.workflow;
}

/** Each case's latest result, `against` saying what it ran on (the draft, a version). */
export async function saveLastResults(db: Db, result: SuiteResult, against: string): Promise<void> {
  const ranAt = new Date();
  await db.$transaction(
    result.cases.map((c) =>
      db.testCase.updateMany({
        where: { id: c.id },
        data: { lastResult: lastResultOf(c, ranAt, against) as unknown as Prisma.InputJsonValue },
      }),
    ),
  );
}
