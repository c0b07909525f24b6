import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole, roleBelow } from '@/shared/roles';
import type { Ids } from '@/test/procedure-inputs';
import { workspaceFixture, type WorkspaceFixture } from '@/test/workspace-fixture';
import { closeRunListener } from '../events/run-listener';
import { minRoleOf, REST_ROUTES } from './rest-routes';
import { keyFor, rest, type KeyRole } from './rest-test-kit';

/**
 * Every route of /api/v1 with a valid request built from a workspace's ids: it refuses a
 * missing key, a key one role below its tier and a key of another workspace; admits its
 * tier; and answers 404 to the ids of another workspace. A route without a case fails.
 */
interface RestCase {
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** The ids the path or body takes (404 when any is another workspace's). */
  reads: (keyof Ids)[];
}

const definition = {
  schemaVersion: 1,
  name: 'First',
  nodes: [{ id: 'start', type: 'manual', name: 'Start', params: {}, position: { x: 0, y: 0 } }],
  edges: [],
};

const CASES: Record<string, RestCase> = {
  listWorkflows: { path: () => '/workflows', reads: [] },
  createWorkflow: {
    path: () => '/workflows',
    body: () => ({ name: `Created ${Math.random()}` }),
    reads: [],
  },
  getWorkflow: { path: (ids) => `/workflows/${ids.workflowId}`, reads: ['workflowId'] },
  renameWorkflow: {
    path: (ids) => `/workflows/${ids.workflowId}`,
    body: () => ({ name: 'Renamed' }),
    reads: ['workflowId'],
  },
  deleteWorkflow: { path: (ids) => `/workflows/${ids.workflowId}`, reads: ['workflowId'] },
  getDraft: { path: (ids) => `/workflows/${ids.workflowId}/draft`, reads: ['workflowId'] },
  replaceDraft: {
    path: (ids) => `/workflows/${ids.workflowId}/draft`,
    body: () => definition,
    reads: ['workflowId'],
  },
  publishWorkflow: {
    path: (ids) => `/workflows/${ids.workflowId}/publish`,
    body: () => ({ message: 'again' }),
    reads: ['workflowId'],
  },
  listVersions: { path: (ids) => `/workflows/${ids.workflowId}/versions`, reads: ['workflowId'] },
  getVersion: { path: (ids) => `/workflows/${ids.workflowId}/versions/1`, reads: ['workflowId'] },
  getTests: { path: (ids) => `/workflows/${ids.workflowId}/tests`, reads: ['workflowId'] },
  replaceTests: {
    path: (ids) => `/workflows/${ids.workflowId}/tests`,
    body: () => ({ cases: [{ name: 'fixture', expect: { status: 'succeeded' } }] }),
    reads: ['workflowId'],
  },
  startRun: {
    path: (ids) => `/workflows/${ids.workflowId}/runs`,
    body: (ids) => ({ input: {}, versionId: ids.versionId }),
    reads: ['workflowId', 'versionId'],
  },
  listRuns: { path: (ids) => `/runs?workflowId=${ids.workflowId}`, reads: ['workflowId'] },
  getRun: { path: (ids) => `/runs/${ids.runId}`, reads: ['runId'] },
  cancelRun: { path: (ids) => `/runs/${ids.runId}/cancel`, reads: ['runId'] },
  retryRun: { path: (ids) => `/runs/${ids.runId}/retry`, body: () => ({}), reads: ['runId'] },
  listSchedules: {
    path: (ids) => `/schedules?workflowId=${ids.workflowId}`,
    reads: ['workflowId'],
  },
  pauseSchedule: { path: (ids) => `/schedules/${ids.scheduleId}/pause`, reads: ['scheduleId'] },
  resumeSchedule: { path: (ids) => `/schedules/${ids.scheduleId}/resume`, reads: ['scheduleId'] },
  listMembers: { path: () => '/members', reads: [] },
  listCredentials: { path: () => '/credentials', reads: [] },
  createCredential: {
    path: () => '/credentials',
    body: (ids) => ({
      name: `CREATED_${Math.random().toString(36).slice(2)}`,
      type: 'secret',
      data: { value: 'created-over-rest' },
      allowedWorkflowIds: [ids.workflowId],
    }),
    reads: ['workflowId'],
  },
  replaceCredential: {
    path: (ids) => `/credentials/${ids.credentialId}`,
    body: () => ({ type: 'secret', data: { value: 'replaced-over-rest' } }),
    reads: ['credentialId'],
  },
  deleteCredential: { path: (ids) => `/credentials/${ids.credentialId}`, reads: ['credentialId'] },
  listFlags: { path: () => '/flags', reads: [] },
  getFlag: { path: (ids) => `/flags/${ids.flagKey}`, reads: ['flagKey'] },
  putFlag: {
    path: () => `/flags/created-by-key`,
    body: () => ({
      key: 'created-by-key',
      kind: 'string',
      enabled: true,
      variants: { a: 'x' },
      defaultVariant: 'a',
    }),
    reads: [],
  },
  listSegments: { path: () => '/segments', reads: [] },
  getSegment: { path: (ids) => `/segments/${ids.segmentKey}`, reads: ['segmentKey'] },
  putSegment: {
    path: () => `/segments/created-by-key`,
    body: () => ({ key: 'created-by-key', targetingKeys: ['u1'] }),
    reads: [],
  },
};

const routes = REST_ROUTES.map((r) => [r.operationId, r] as const);

function idsOf(fixture: WorkspaceFixture): Ids {
  const { slug: _s, workspaceId: _w, members: _m, second: _second, ...ids } = fixture;
  return ids;
}

function send(operationId: string, ids: Ids, key: string | null) {
  const route = REST_ROUTES.find((r) => r.operationId === operationId)!;
  const c = CASES[operationId]!;
  return rest(route.method.toUpperCase(), c.path(ids), {
    key,
    ...(c.body ? { body: c.body(ids) } : {}),
  });
}

afterAll(closeRunListener);

let mine: WorkspaceFixture;
let theirs: WorkspaceFixture;
let theirAdminKey: string;
const myKeys = {} as Record<KeyRole, string>;

beforeAll(async () => {
  mine = await workspaceFixture();
  theirs = await workspaceFixture();
  theirAdminKey = await keyFor(theirs, 'admin');
  for (const role of ['admin', 'editor', 'operator', 'viewer'] as const) {
    myKeys[role] = await keyFor(mine, role);
  }
});

describe('authorization of every REST route', () => {
  it('has a case for exactly the routes of /api/v1', () => {
    expect(Object.keys(CASES).sort()).toEqual(routes.map(([id]) => id).sort());
  });

  it.each(routes)('%s refuses a request without a key (401 problem+json)', async (id) => {
    const answer = await send(id, idsOf(mine), null);
    expect(answer.status).toBe(401);
    expect(answer.type).toBe('application/problem+json');
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it.each(routes)('%s hides the workspace from a key of another workspace', async (id) => {
    const answer = await send(id, idsOf(mine), theirAdminKey);
    if (CASES[id]!.reads.length === 0) {
      // Nothing of mine named: it answers about the key's own workspace, never mine.
      expect(answer.status).toBeLessThan(300);
      const text = JSON.stringify(answer.body);
      for (const foreign of [mine.workflowId, mine.runId, mine.scheduleId, mine.members.owner]) {
        expect(text).not.toContain(foreign);
      }
    } else {
      expect(answer.status, JSON.stringify(answer.body)).toBe(404);
      expect(answer.type).toBe('application/problem+json');
    }
  });

  it.each(routes)(
    '%s refuses every role below its tier (403), admits its tier, answers with its workspace only',
    async (id, route) => {
      const fresh = await workspaceFixture();
      const minRole = minRoleOf(route) as KeyRole;
      // Every role below the tier is refused (403), not only the one just below.
      for (let below = roleBelow(minRole); below; below = roleBelow(below)) {
        const refused = await send(id, idsOf(fresh), await keyFor(fresh, below as KeyRole));
        expect(refused.status, `${below}: ${JSON.stringify(refused.body)}`).toBe(403);
        expect(refused.type).toBe('application/problem+json');
      }
      if (route.method === 'get') {
        // Reads change nothing: every role above the tier is admitted too.
        for (const role of ['admin', 'editor', 'operator'] as const) {
          if (hasRole(role, minRole) && role !== minRole) {
            const above = await send(id, idsOf(fresh), await keyFor(fresh, role));
            expect(above.status, `${role}: ${JSON.stringify(above.body)}`).toBe(200);
          }
        }
      }
      const answer = await send(id, idsOf(fresh), await keyFor(fresh, minRole));
      expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
      expect(Object.keys(route.responses).map(Number)).toContain(answer.status);
      const text = JSON.stringify(answer.body ?? null);
      for (const foreign of Object.values(idsOf(mine)).filter((v) => !/^\d+$/.test(v))) {
        expect(text).not.toContain(foreign);
      }
    },
  );

  it.each(routes.filter(([id]) => CASES[id]!.reads.length > 0))(
    '%s answers 404 to each id of another workspace',
    async (id, route) => {
      const key = myKeys[minRoleOf(route) as KeyRole];
      const all = await send(id, idsOf(theirs), key);
      expect(all.status, JSON.stringify(all.body)).toBe(404);
      for (const field of CASES[id]!.reads) {
        const mixed = { ...idsOf(mine), [field]: idsOf(theirs)[field] };
        const answer = await send(id, mixed, key);
        expect(answer.status, `${field}: ${JSON.stringify(answer.body)}`).toBe(404);
        expect(answer.type).toBe('application/problem+json');
      }
    },
  );
});
