import { createApiKey } from '@/server/api-keys/create-api-key';
import { db } from '@/server/db';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { createCredential } from '@/server/services/credentials/save-credential';
import { putFlag } from '@/server/services/flags/put-flag';
import { putSegment } from '@/server/services/flags/put-segment';
import { createInvitation } from '@/server/services/invitations/create-invitation';
import { addMaskingRule } from '@/server/services/masking/masking-settings';
import { startManualRun } from '@/server/services/runs/start-manual-run';
import { ROLES, type Role } from '@/shared/roles';
import { createMember, createWorkspace } from './fixtures';
import { edge, node, publish } from './runtime-fixtures';

/** The ids of one workflow and what hangs off it. */
export interface WorkflowIds {
  workflowId: string;
  versionId: string;
  runId: string;
  scheduleId: string;
  testCaseId: string;
}

/**
 * A workspace holding one of everything a procedure can take an id of: a member of each
 * role, two published workflows (each with a cron schedule and a finished run), so an input
 * can mix ids of two workflows or of two workspaces. Procedures that take a new kind of id
 * add it here.
 */
export interface WorkspaceFixture extends WorkflowIds {
  slug: string;
  workspaceId: string;
  /** What its owner types to confirm deleting it: not an id (see NOT_IDS). */
  workspaceName: string;
  /** The user id of a member of each role. */
  members: Record<Role, string>;
  /** The membership of the viewer (any admin may change or remove it). */
  membershipId: string;
  /** A pending invitation. */
  invitationId: string;
  /** An active API key (viewer). */
  apiKeyId: string;
  /** A secret credential. */
  credentialId: string;
  /** A custom masking rule. */
  maskingRuleId: string;
  /** A feature flag's key (keys are unique per workspace; the fixture's differ across them). */
  flagKey: string;
  /** A flag segment's key (unique per workspace, like flag keys). */
  segmentKey: string;
  /** One of its audit events (a page cursor of the audit list). */
  auditEventId: string;
  /** The same ids for the workspace's second workflow. */
  second: WorkflowIds;
}

async function workflowWithRun(actor: Actor, name: string): Promise<WorkflowIds> {
  const { workflowId, versionId } = await publish(actor, {
    name,
    nodes: [
      node('tick', 'cron', { expression: '0 3 * * *', timezone: 'UTC' }),
      node('done', 'set', { values: { ok: true } }),
    ],
    edges: [edge('tick', 'done')],
  });
  // Started by hand (the schedule fires at night); only pure steps, so it finishes inline.
  const { runId } = await startManualRun(db, webRuntime(), actor, { workflowId, input: {} });
  const schedule = await db.schedule.findFirstOrThrow({ where: { workflowId } });
  const testCase = await db.testCase.create({
    data: {
      workspaceId: actor.workspaceId,
      workflowId,
      name: 'fixture',
      definition: { name: 'fixture', expect: { status: 'succeeded' } },
    },
  });
  return { workflowId, versionId, runId, scheduleId: schedule.id, testCaseId: testCase.id };
}

export async function workspaceFixture(): Promise<WorkspaceFixture> {
  const workspace = await createWorkspace();
  const members = {} as Record<Role, string>;
  for (const role of ROLES) members[role] = (await createMember(workspace.id, role)).id;
  const actor: Actor = { userId: members.owner, workspaceId: workspace.id, role: 'owner' };
  const first = await workflowWithRun(actor, 'First');
  const second = await workflowWithRun(actor, 'Second');
  const membership = await db.membership.findFirstOrThrow({
    where: { workspaceId: workspace.id, userId: members.viewer },
  });
  const invitation = await createInvitation(db, actor, {
    email: `invited-${workspace.slug}@example.com`,
    role: 'viewer',
    expiresInDays: 7,
  });
  const apiKey = await createApiKey(db, actor, { name: 'Fixture key', role: 'viewer' });
  const credential = await createCredential(db, actor, {
    name: 'FIXTURE_SECRET',
    type: 'secret',
    data: { value: `fixture-secret-${workspace.slug}` },
  });
  const rule = await addMaskingRule(db, actor, {
    name: 'fixture',
    kind: 'path',
    expression: '**.fixture',
  });
  const flag = await putFlag(db, actor, {
    key: `flag-${workspace.slug}`,
    kind: 'boolean',
    enabled: true,
    variants: { on: true, off: false },
    defaultVariant: 'off',
    rules: [],
  });
  const segment = await putSegment(db, actor, {
    key: `segment-${workspace.slug}`,
    when: [{ attribute: 'plan', op: 'equals', values: ['beta'] }],
  });
  // The first workflow may skip error handling (policy.revokeException takes it back).
  await db.policyException.create({
    data: {
      workflowId: first.workflowId,
      rule: 'errorHandling',
      workspaceId: workspace.id,
      reason: 'fixture',
      grantedById: members.owner,
    },
  });
  const event = await db.auditEvent.findFirstOrThrow({
    where: { workspaceId: workspace.id },
    orderBy: { id: 'desc' },
  });
  return {
    auditEventId: event.id.toString(),
    apiKeyId: apiKey.id,
    credentialId: credential.id,
    maskingRuleId: rule.id,
    flagKey: flag.flag.key,
    segmentKey: segment.segment.key,
    slug: workspace.slug,
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    invitationId: invitation.id,
    members,
    membershipId: membership.id,
    ...first,
    second,
  };
}
