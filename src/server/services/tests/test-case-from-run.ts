import {
  checkWorkflow,
  defaultRegistry,
  type RunState,
  type StepMock,
  type TestCase,
} from '@/engine';
import type { Prisma } from '@/generated/prisma/client';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { testCaseFromRunInput } from './test-case-inputs';

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Turns a finished run into a test case of its workflow: the run's input and start time,
 * what each of its I/O steps answered as mocks, and its status and output as the
 * expectation. Replaying it shows whether the draft still does what that run did.
 */
export async function testCaseFromRun(
  db: Db,
  actor: Actor,
  input: z.infer<typeof testCaseFromRunInput>,
) {
  requireRole(actor, 'editor');
  const run = await db.run.findFirst({
    where: { id: input.runId, workspaceId: actor.workspaceId },
    select: {
      id: true,
      workflowId: true,
      status: true,
      input: true,
      output: true,
      state: true,
      createdAt: true,
      version: { select: { definition: true } },
    },
  });
  if (!run) throw notFound('Run');
  if (!FINAL.has(run.status)) {
    throw new AppError('BAD_REQUEST', 'runId: the run has not finished yet');
  }
  const parsed = checkWorkflow(run.version.definition);
  if (!parsed.ok) throw new AppError('BAD_REQUEST', 'runId: the run’s version cannot be read');
  const state = run.state as RunState | null;
  const mocks: Record<string, StepMock> = {};
  for (const node of parsed.workflow.nodes) {
    if (!defaultRegistry.get(node.type)?.io) continue;
    const ran = state?.nodes.find((n) => n.id === node.id);
    if (!ran || (ran.status !== 'succeeded' && ran.status !== 'failed')) continue;
    mocks[node.id] =
      ran.status === 'succeeded'
        ? { output: ran.output ?? null }
        : { error: ran.error?.message || 'failed', retryable: false };
  }

  return db.$transaction(async (tx) => {
    const base = input.name ?? `From run ${run.id.slice(-8)}`;
    const taken = new Set(
      (
        await tx.testCase.findMany({
          where: { workflowId: run.workflowId, name: { startsWith: base } },
          select: { name: true },
        })
      ).map((c) => c.name),
    );
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
    const testCase: TestCase = {
      name,
      input: run.input,
      now: run.createdAt.toISOString(),
      ...(Object.keys(mocks).length > 0 ? { mocks } : {}),
      expect: {
        status: run.status as 'succeeded' | 'failed' | 'cancelled',
        ...(run.output !== null ? { output: run.output } : {}),
      },
    };
    const row = await tx.testCase.create({
      data: {
        workspaceId: actor.workspaceId,
        workflowId: run.workflowId,
        name,
        definition: testCase as Prisma.InputJsonValue,
        createdById: actor.userId,
      },
      select: { id: true, name: true, workflowId: true, definition: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'test_case.created',
      targetType: 'test_case',
      targetId: row.id,
      data: { workflowId: run.workflowId, name, fromRunId: run.id },
    });
    return row;
  });
}
