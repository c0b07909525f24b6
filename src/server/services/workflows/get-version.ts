import type { WorkflowDefinition } from '@/engine';
import { z } from 'zod';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { versionAuthors } from './version-authors';
import { workflowId } from './workflow-inputs';

export const getVersionInput = z.object({
  workflowId,
  number: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1'),
});

/** One published version with its definition, for read-only viewing, diffing and restoring. */
export async function getVersion(db: Db, actor: Actor, input: z.infer<typeof getVersionInput>) {
  requireRole(actor, 'viewer');
  const version = await db.workflowVersion.findFirst({
    where: {
      workflowId: input.workflowId,
      number: input.number,
      workspaceId: actor.workspaceId,
    },
    select: {
      id: true,
      number: true,
      message: true,
      createdAt: true,
      createdById: true,
      definition: true,
      workflow: { select: { publishedVersionId: true } },
    },
  });
  if (!version) throw notFound('Version');
  const authors = await versionAuthors(db, [version.createdById]);
  const { workflow, definition, ...rest } = version;
  return {
    ...rest,
    // Publishing stores only definitions that passed the saved-format check.
    definition: definition as unknown as WorkflowDefinition,
    author: (version.createdById && authors.get(version.createdById)) || null,
    published: workflow.publishedVersionId === version.id,
  };
}
