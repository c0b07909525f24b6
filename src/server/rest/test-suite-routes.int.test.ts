import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { closeRunListener } from '../events/run-listener';
import { workspaceFixture, type WorkspaceFixture } from '@/test/workspace-fixture';
import { keyFor, rest } from './rest-test-kit';

let ws: WorkspaceFixture;
let key: string;

afterAll(closeRunListener);

beforeAll(async () => {
  ws = await workspaceFixture();
  key = await keyFor(ws, 'editor');
});

const path = () => `/workflows/${ws.workflowId}/tests`;

function replacedEvents() {
  return db.auditEvent.count({
    where: { workspaceId: ws.workspaceId, action: 'test_case.replaced' },
  });
}

describe('GET/PUT /workflows/{id}/tests', () => {
  it('replaces the whole suite, keeps equal cases untouched, and changes nothing when equal', async () => {
    const fixture = await db.testCase.update({
      where: { id: ws.testCaseId },
      data: { lastResult: { status: 'passed' } },
    });
    const suite = {
      cases: [
        { name: 'fixture', expect: { status: 'succeeded' } },
        { name: 'big orders', input: { amount: 120 }, expect: { output: { tier: 'big' } } },
      ],
    };
    const first = await rest('PUT', path(), { key, body: suite });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ cases: 2, created: 1, updated: 0, deleted: 0 });
    const kept = await db.testCase.findUniqueOrThrow({ where: { id: fixture.id } });
    expect(kept.lastResult).toEqual({ status: 'passed' });

    const got = await rest('GET', path(), { key });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ cases: [suite.cases[1], suite.cases[0]] });

    const events = await replacedEvents();
    const again = await rest('PUT', path(), { key, body: { cases: [...suite.cases].reverse() } });
    expect(again.body).toEqual({ cases: 2, created: 0, updated: 0, deleted: 0 });
    expect(await replacedEvents()).toBe(events);

    const smaller = await rest('PUT', path(), {
      key,
      body: { cases: [{ name: 'big orders', input: { amount: 99 } }] },
    });
    expect(smaller.body).toEqual({ cases: 1, created: 0, updated: 1, deleted: 1 });
    expect(await replacedEvents()).toBe(events + 1);
    const rows = await db.testCase.findMany({ where: { workflowId: ws.workflowId } });
    expect(rows.map((r) => [r.name, r.definition])).toEqual([
      ['big orders', { name: 'big orders', input: { amount: 99 } }],
    ]);
  });

  it('refuses invalid cases with the path of each problem (400), changing nothing', async () => {
    const before = await db.testCase.count({ where: { workflowId: ws.workflowId } });
    const shape = await rest('PUT', path(), {
      key,
      body: { cases: [{ name: 'a', mocks: { step: { output: 1, error: 'x' } } }, { nme: 'b' }] },
    });
    expect(shape.status).toBe(400);
    expect(shape.type).toBe('application/problem+json');
    const paths = (shape.body as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['cases.0.mocks.step', 'cases.1.name']));

    const twice = await rest('PUT', path(), {
      key,
      body: { cases: [{ name: 'same' }, { name: 'same' }] },
    });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({
      errors: [{ path: 'cases[1].name', message: 'another case is already named "same"' }],
    });

    const assertion = await rest('PUT', path(), {
      key,
      body: { cases: [{ name: 'bad assert', expect: { assert: ['status = '] } }] },
    });
    expect(assertion.status).toBe(400);
    expect(JSON.stringify(assertion.body)).toContain('cases[0].expect.assert[0]');
    expect(await db.testCase.count({ where: { workflowId: ws.workflowId } })).toBe(before);
  });
});
