import type { WorkspaceFixture } from './workspace-fixture';

/** The ids an input may be built from: one workspace's, as the fixture holds them. */
export type Ids = Omit<WorkspaceFixture, 'slug' | 'workspaceId' | 'members' | 'second'>;

export interface ProcedureCase {
  /** Valid input for a caller of the workspace whose ids these are. */
  input: (ids: Ids) => unknown;
  /**
   * The ids it reads must belong to one workflow (a version of that workflow, …): each
   * replaced by the second workflow's is refused like another workspace's.
   */
  sameWorkflow?: true;
  /**
   * For a list narrowed by an id: valid input that narrows nothing, whose answer must hold
   * no id of another workspace either.
   */
  wide?: unknown;
  /**
   * How it refuses a foreign id when it does not throw NOT_FOUND: bulk actions report each
   * id's outcome instead of failing the whole selection.
   */
  refused?: (answer: unknown) => boolean;
}

/** Fields of Ids that are not ids: never swapped for another workspace's. */
export const NOT_IDS: readonly (keyof Ids)[] = ['workspaceName'];

const noInput: ProcedureCase = { input: () => undefined };
/** For procedures that only check their caller: a token that matches no invitation. */
const someToken = { token: 'not-an-invitation-token-0123456789abcdef' };

const definition = {
  schemaVersion: 1,
  name: 'First',
  nodes: [{ id: 'start', type: 'manual', name: 'Start', params: {}, position: { x: 0, y: 0 } }],
  edges: [],
};

const everyOutcomeNotFound = (answer: unknown) =>
  (answer as { outcomes: { ok: boolean; error?: string }[] }).outcomes.every(
    (o) => !o.ok && /not found/i.test(o.error ?? ''),
  );

/**
 * Every procedure of the root router with valid input built from a workspace's ids. The
 * authorization test calls each with its own workspace's ids (it must succeed) and with
 * another workspace's (it must answer NOT_FOUND): a procedure without an entry fails it.
 */
export const PROCEDURE_CASES: Record<string, ProcedureCase> = {
  'workspace.mine': noInput,
  'workspace.current': noInput,
  'workspace.create': { input: () => ({ name: `Created ${Math.random()}` }) },
  'workspace.rename': { input: () => ({ name: 'Renamed' }) },
  'workspace.transferOwnership': { input: (ids) => ({ membershipId: ids.membershipId }) },
  'workspace.delete': { input: (ids) => ({ confirmName: ids.workspaceName }) },

  'invitation.list': noInput,
  'invitation.create': {
    input: () => ({ email: `new-${Math.random()}@example.com`, role: 'viewer' }),
  },
  'invitation.revoke': { input: (ids) => ({ invitationId: ids.invitationId }) },
  'invitation.preview': { input: () => someToken },
  'invitation.accept': { input: () => someToken },
  'invitation.acceptWithPassword': {
    input: () => ({ ...someToken, password: 'a-long-password' }),
  },

  'account.changePassword': {
    input: () => ({ currentPassword: 'whatever', newPassword: 'a-new-long-password' }),
  },
  'account.signOutEverywhere': noInput,

  'apiKey.list': noInput,
  'apiKey.create': { input: () => ({ name: `Key ${Math.random()}`, role: 'viewer' }) },
  'apiKey.revoke': { input: (ids) => ({ id: ids.apiKeyId }) },

  'credential.list': noInput,
  'credential.names': noInput,
  'credential.create': {
    input: (ids) => ({
      name: `CREATED_${Math.random().toString(36).slice(2)}`,
      type: 'secret',
      data: { value: 'created-value' },
      allowedWorkflowIds: [ids.workflowId],
    }),
  },
  'credential.replace': {
    input: (ids) => ({
      id: ids.credentialId,
      type: 'httpBearer',
      data: { token: 'replaced-token' },
      allowedWorkflowIds: [ids.workflowId],
    }),
  },
  'credential.delete': { input: (ids) => ({ id: ids.credentialId }) },
  'credential.setEnvFallback': { input: () => ({ enabled: true }) },

  'masking.get': noInput,
  'masking.setBuiltins': { input: () => ({ builtins: ['credentials', 'card'] }) },
  'masking.addRule': {
    input: () => ({
      name: `rule ${Math.random()}`.slice(0, 40),
      kind: 'pattern',
      expression: 'ORD-\\d+',
    }),
  },
  'masking.deleteRule': { input: (ids) => ({ id: ids.maskingRuleId }) },

  'audit.list': { input: (ids) => ({ cursor: ids.auditEventId }), wide: {} },
  'audit.exportCsv': { input: () => ({}) },
  'audit.verify': noInput,

  'workflow.list': noInput,
  'workflow.get': { input: (ids) => ({ id: ids.workflowId }) },
  'workflow.create': { input: () => ({ name: `Created ${Math.random()}` }) },
  'workflow.rename': { input: (ids) => ({ id: ids.workflowId, name: 'Renamed' }) },
  'workflow.delete': { input: (ids) => ({ id: ids.workflowId }) },
  'workflow.saveDraft': { input: (ids) => ({ id: ids.workflowId, definition, revision: 1 }) },
  'workflow.publish': { input: (ids) => ({ id: ids.workflowId, message: 'again' }) },
  'workflow.updateSettings': { input: (ids) => ({ id: ids.workflowId, priority: 5 }) },
  'workflow.versions': { input: (ids) => ({ id: ids.workflowId }) },
  'workflow.version': { input: (ids) => ({ workflowId: ids.workflowId, number: 1 }) },

  'member.list': noInput,
  'member.updateRole': { input: (ids) => ({ membershipId: ids.membershipId, role: 'editor' }) },
  'member.remove': { input: (ids) => ({ membershipId: ids.membershipId }) },
  'member.revokeSessions': { input: (ids) => ({ membershipId: ids.membershipId }) },

  'run.list': { input: (ids) => ({ workflowId: ids.workflowId }), wide: {} },
  'run.get': { input: (ids) => ({ id: ids.runId }) },
  'run.start': {
    input: (ids) => ({ workflowId: ids.workflowId, versionId: ids.versionId }),
    sameWorkflow: true,
  },
  'run.cancel': { input: (ids) => ({ id: ids.runId }) },
  'run.retry': { input: (ids) => ({ id: ids.runId }) },
  'run.bulkCancel': { input: (ids) => ({ ids: [ids.runId] }), refused: everyOutcomeNotFound },
  'run.bulkRetry': { input: (ids) => ({ ids: [ids.runId] }), refused: everyOutcomeNotFound },

  'flag.list': noInput,
  'flag.get': { input: (ids) => ({ key: ids.flagKey }) },
  'flag.history': { input: (ids) => ({ key: ids.flagKey }) },
  'flag.try': { input: (ids) => ({ key: ids.flagKey, context: { targetingKey: 'u1' } }) },
  'flag.put': {
    // Keys name flags within the caller's workspace, so a key is not an id of another's.
    input: () => ({
      key: 'created-by-put',
      kind: 'boolean',
      enabled: true,
      variants: { on: true, off: false },
      defaultVariant: 'on',
    }),
  },
  'segment.list': noInput,
  'segment.get': { input: (ids) => ({ key: ids.segmentKey }) },
  'segment.put': {
    // Keys name segments within the caller's workspace, so a key is not an id of another's.
    input: () => ({ key: 'created-by-put', targetingKeys: ['u1'] }),
  },
  'segment.delete': { input: (ids) => ({ key: ids.segmentKey }) },
  'schedule.list': { input: (ids) => ({ workflowId: ids.workflowId }), wide: {} },
  'schedule.fires': { input: (ids) => ({ id: ids.scheduleId }) },
  'schedule.pause': { input: (ids) => ({ id: ids.scheduleId }) },
  'schedule.resume': { input: (ids) => ({ id: ids.scheduleId }) },

  'monitor.queue': noInput,
  'monitor.results': {
    input: (ids) => ({ window: '1h', workflowId: ids.workflowId }),
    wide: { window: '1h' },
  },
  'monitor.home': noInput,

  'test.list': { input: (ids) => ({ workflowId: ids.workflowId }) },
  'test.create': {
    input: (ids) => ({
      workflowId: ids.workflowId,
      testCase: { name: `Case ${Math.random()}`, expect: { status: 'succeeded' } },
    }),
  },
  'test.update': {
    input: (ids) => ({ id: ids.testCaseId, testCase: { name: 'Renamed case' } }),
  },
  'test.delete': { input: (ids) => ({ id: ids.testCaseId }) },
  'test.run': {
    input: (ids) => ({ workflowId: ids.workflowId, ids: [ids.testCaseId] }),
    sameWorkflow: true,
  },
  'test.import': {
    input: (ids) => ({
      workflowId: ids.workflowId,
      file: { schemaVersion: 1, workflow: 'First', cases: [{ name: 'fixture' }] },
    }),
  },
  'test.replace': {
    input: (ids) => ({
      workflowId: ids.workflowId,
      cases: [{ name: 'fixture', expect: { status: 'succeeded' } }, { name: 'another' }],
    }),
  },
  'test.fromRun': { input: (ids) => ({ runId: ids.runId }) },

  'policy.get': noInput,
  'policy.set': { input: () => ({ policy: { allowedHttpHosts: ['*'] } }) },
  'policy.grantException': {
    input: (ids) => ({ workflowId: ids.workflowId, rule: 'allowedHttpHosts', reason: 'fixture' }),
  },
  'policy.revokeException': {
    input: (ids) => ({ workflowId: ids.workflowId, rule: 'errorHandling' }),
  },
  'policy.report': noInput,
  'policy.exportCsv': noInput,

  'limits.get': noInput,
  'limits.set': {
    input: () => ({
      hookRateLimit: { perSecond: 5, burst: 10 },
      allHooksRateLimit: null,
      retentionDays: 14,
    }),
  },
  'instance.status': noInput,
  'instance.workspaces': noInput,
  'instance.admins': noInput,
  'instance.setQuotas': {
    input: () => ({ workspaceId: 'no-such-workspace', runsPerMonth: 10, activeRuns: null }),
  },
  'instance.setAdmin': { input: () => ({ email: 'nobody@example.com', admin: true }) },

  'live.runs': { input: (ids) => ({ workflowId: ids.workflowId, runId: ids.runId }) },
};
