import { checkCompliance, checkWorkflow, type PolicyViolation } from '@/engine';
import { toCsv } from '../../audit/audit-csv';
import type { DbTx } from '../../db';
import { requireRole, type Actor } from '../actor';
import { readWorkspacePolicy } from './workspace-policy';

export interface ComplianceRow {
  workflowId: string;
  name: string;
  /** The version checked: the published one, else (null) the draft. */
  publishedVersion: number | null;
  status: 'compliant' | 'violations';
  violations: PolicyViolation[];
  exceptions: string[];
}

/** Every workflow of the workspace against its policy: the published version, else the draft. */
export async function complianceReport(db: DbTx, actor: Actor): Promise<ComplianceRow[]> {
  requireRole(actor, 'viewer');
  const policy = await readWorkspacePolicy(db, actor.workspaceId);
  const workflows = await db.workflow.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      draft: true,
      publishedVersionId: true,
      policyExceptions: { select: { rule: true } },
    },
  });
  const versions = await db.workflowVersion.findMany({
    where: { id: { in: workflows.flatMap((w) => w.publishedVersionId ?? []) } },
    select: { id: true, number: true, definition: true },
  });
  const published = new Map(versions.map((v) => [v.id, v]));
  return workflows.map((w) => {
    const exceptions = w.policyExceptions.map((e) => e.rule);
    const version = w.publishedVersionId ? published.get(w.publishedVersionId) : undefined;
    const parsed = checkWorkflow(version?.definition ?? w.draft);
    const violations = parsed.ok
      ? checkCompliance(parsed.workflow, policy, exceptions as PolicyViolation['rule'][])
      : [];
    return {
      workflowId: w.id,
      name: w.name,
      publishedVersion: version?.number ?? null,
      status: violations.length === 0 ? 'compliant' : 'violations',
      violations,
      exceptions,
    };
  });
}

/** The report as a CSV file, one line per workflow. */
export async function exportComplianceCsv(
  db: DbTx,
  actor: Actor,
): Promise<{ filename: string; csv: string }> {
  const rows = await complianceReport(db, actor);
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: actor.workspaceId },
    select: { slug: true },
  });
  const csv = toCsv([
    ['workflow', 'workflow_id', 'published_version', 'status', 'violations', 'exceptions'],
    ...rows.map((r) => [
      r.name,
      r.workflowId,
      r.publishedVersion === null ? 'draft' : String(r.publishedVersion),
      r.status,
      r.violations.map((v) => `${v.rule}: ${v.message}`).join('; '),
      r.exceptions.join('; '),
    ]),
  ]);
  return { filename: `compliance-${workspace.slug}.csv`, csv };
}
