import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceFixture, type WorkspaceFixture } from '@/test/workspace-fixture';
import { closeRunListener } from '../events/run-listener';
import { REST_ROUTES } from './rest-routes';
import { keyFor, rest } from './rest-test-kit';

afterAll(closeRunListener);

let ws: WorkspaceFixture;
let editor: string;

beforeAll(async () => {
  ws = await workspaceFixture();
  editor = await keyFor(ws, 'editor');
});

describe('the OpenAPI document', () => {
  it('is served without a key, validates as OpenAPI 3.1 and lists every route', async () => {
    const answer = await rest('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    const document = answer.body as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; 'x-miniflow-role': string }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, compileErrors(result)).toBe(true);
    for (const route of REST_ROUTES) {
      const operation = document.paths[route.path]?.[route.method];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
      expect(operation?.['x-miniflow-role']).toMatch(/^(viewer|operator|editor|admin)$/);
    }
    expect(document.paths['/openapi.json']?.get).toBeDefined();
  });
});

describe('errors are problem+json, bad input is 400 naming the field, never 500', () => {
  const cases: [string, string, string, unknown, string | undefined][] = [
    ['an empty name', 'POST', '/workflows', { name: '' }, 'name'],
    ['a name of the wrong type', 'POST', '/workflows', { name: 42 }, 'name'],
    ['wait that is not a boolean', 'POST', '/workflows/{wf}/runs', { wait: 'yes' }, 'wait'],
    ['a limit of 0', 'GET', '/runs?limit=0', undefined, 'limit'],
    ['a limit that is not a number', 'GET', '/runs?limit=many', undefined, 'limit'],
    ['a status no run has', 'GET', '/runs?status=sleeping', undefined, 'status'],
    [
      'to before from',
      'GET',
      '/runs?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      undefined,
      'to',
    ],
    [
      'a version number that is not one',
      'GET',
      '/workflows/{wf}/versions/abc',
      undefined,
      'number',
    ],
    [
      'a draft with a bad node id',
      'PUT',
      '/workflows/{wf}/draft',
      {
        schemaVersion: 1,
        name: 'X',
        nodes: [{ id: '1 bad', type: 'manual', params: {} }],
        edges: [],
      },
      'nodes.0.id',
    ],
    ['a draft that is not a workflow', 'PUT', '/workflows/{wf}/draft', [1, 2], undefined],
    ['text holding NUL', 'POST', '/workflows', { name: 'a\u0000b' }, undefined],
  ];

  it.each(cases)('%s', async (_what, method, path, body, field) => {
    const answer = await rest(method, path.replace('{wf}', ws.workflowId), {
      key: editor,
      ...(body !== undefined ? { body } : {}),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.type).toBe('application/problem+json');
    const problem = answer.body as {
      title: string;
      status: number;
      detail: string;
      errors?: { path: string }[];
    };
    expect(problem).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(problem.detail.length).toBeGreaterThan(0);
    if (field) expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it('refuses a body that is not JSON (400) or not sent as JSON (415)', async () => {
    const broken = await rest('POST', '/workflows', { key: editor, body: '{"name":' });
    expect(broken.status).toBe(400);
    expect((broken.body as { detail: string }).detail).toMatch(/not valid JSON/);
    const text = await rest('POST', '/workflows', {
      key: editor,
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
  });

  it('refuses a body over MINIFLOW_API_MAX_BODY_BYTES (413) and a badly encoded path (400)', async () => {
    const big = await rest('POST', '/workflows', {
      key: editor,
      body: { name: 'Big', description: 'x'.repeat(1_100_000) },
    });
    expect(big.status).toBe(413);
    expect(big.type).toBe('application/problem+json');
    const encoded = await rest('GET', '/runs/%E0%A4%A', { key: editor });
    expect(encoded.status).toBe(400);
  });

  it('answers 404 to an unknown route and 405 to a wrong method', async () => {
    expect((await rest('GET', '/nothing-here', { key: editor })).status).toBe(404);
    const wrong = await rest('PUT', '/workflows', { key: editor, body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });

  it('answers 401 to a malformed Authorization header and to an unknown key', async () => {
    const basic = await rest('GET', '/workflows', { headers: { authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
    const unknown = await rest('GET', '/workflows', {
      key: 'mf_00000000000000000000000000000000000000',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.type).toBe('application/problem+json');
  });

  it('answers 409 to a stale If-Match revision', async () => {
    const draft = await rest('GET', `/workflows/${ws.second.workflowId}/draft`, { key: editor });
    const { revision, definition } = draft.body as { revision: number; definition: unknown };
    const saved = await rest('PUT', `/workflows/${ws.second.workflowId}/draft`, {
      key: editor,
      body: definition,
      headers: { 'if-match': String(revision) },
    });
    expect(saved.status).toBe(200);
    expect((saved.body as { revision: number }).revision).toBe(revision + 1);
    const stale = await rest('PUT', `/workflows/${ws.second.workflowId}/draft`, {
      key: editor,
      body: definition,
      headers: { 'if-match': String(revision) },
    });
    expect(stale.status).toBe(409);
  });
});

describe('runs over REST', () => {
  it('starts a run and, with wait, answers the finished run shaped like `miniflow run --json`', async () => {
    const operator = await keyFor(ws, 'operator');
    const answer = await rest('POST', `/workflows/${ws.workflowId}/runs`, {
      key: operator,
      body: { input: { n: 1 }, wait: true },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'succeeded',
      trigger: 'api',
      workflowId: ws.workflowId,
      input: { n: 1 },
      error: null,
      steps: {
        tick: { status: 'succeeded', attempts: 1, output: { n: 1 }, error: null },
        done: { status: 'succeeded', attempts: 1, output: { ok: true }, error: null },
      },
    });
    // Each step has exactly the fields `miniflow run --json` gives it.
    const steps = (answer.body as { steps: Record<string, object> }).steps;
    for (const step of Object.values(steps)) {
      expect(
        Object.keys(step)
          .filter((k) => k !== 'durationMs')
          .sort(),
      ).toEqual(['attempts', 'error', 'output', 'status']);
    }
    const id = (answer.body as { id: string }).id;
    const again = await rest('GET', `/runs/${id}`, { key: operator });
    expect(again.body).toEqual(answer.body);
  });

  it('answers 202 with the run id without wait', async () => {
    const operator = await keyFor(ws, 'operator');
    const answer = await rest('POST', `/workflows/${ws.workflowId}/runs`, { key: operator });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ id: expect.any(String), status: expect.any(String) });
  });

  it('lists runs a page at a time with a cursor', async () => {
    const viewer = await keyFor(ws, 'viewer');
    const first = await rest('GET', `/runs?workflowId=${ws.workflowId}&limit=1`, { key: viewer });
    const page = first.body as { items: { id: string }[]; nextCursor: string | null };
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBe(page.items[0]!.id);
    const next = await rest(
      'GET',
      `/runs?workflowId=${ws.workflowId}&limit=1&cursor=${page.nextCursor}`,
      {
        key: viewer,
      },
    );
    const second = next.body as { items: { id: string }[] };
    expect(second.items[0]?.id).not.toBe(page.items[0]!.id);
  });
});
