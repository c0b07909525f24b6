import { expect, type Page } from '@playwright/test';

const HEADERS = { 'x-miniflow-workspace': 'default', 'content-type': 'application/json' };

/** Calls a tRPC mutation over HTTP as the signed-in user of `page` (superjson envelope). */
export async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/trpc/${path}`, {
    headers: HEADERS,
    data: { json: input },
  });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  expect(res.ok(), `${path}: ${JSON.stringify(body.error)}`).toBe(true);
  return body.result!.data.json;
}

/** Creates, saves and publishes a workflow through the API; returns its id. */
export async function publishWorkflow(
  page: Page,
  definition: { name: string; nodes: unknown[]; edges: unknown[] },
) {
  const { id } = await mutate<{ id: string }>(page, 'workflow.create', { name: definition.name });
  await mutate(page, 'workflow.saveDraft', {
    id,
    revision: 0,
    definition: { schemaVersion: 1, ...definition },
  });
  await mutate(page, 'workflow.publish', { id, message: 'e2e' });
  return id;
}

export async function startRun(page: Page, workflowId: string, input: unknown = {}) {
  return mutate<{ runId: string; status: string }>(page, 'run.start', { workflowId, input });
}

export const uniqueName = (prefix: string) => `${prefix} ${Date.now().toString(36)}`;
