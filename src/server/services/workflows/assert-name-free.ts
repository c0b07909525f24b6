import type { DbTx } from '../../db';
import { AppError } from '../../errors';

/**
 * Names are unique per workspace (sub-workflows can be referenced by name). Checked in
 * the transaction so the error names the field; the unique index still guards races.
 */
export async function assertNameFree(
  tx: DbTx,
  workspaceId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const clash = await tx.workflow.findFirst({
    where: { workspaceId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError('CONFLICT', `name: a workflow named "${name}" already exists`);
}
