import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { saveDraft } from '@/server/services/workflows/save-draft';
import { publishWorkflow } from '@/server/services/workflows/publish-workflow';
import { deleteWorkflow } from '@/server/services/workflows/delete-workflow';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';
import { handleWebhook } from './handle-webhook';

afterAll(closeRunListener);

const post = (url: string) => handleWebhook(new Request(url, { method: 'POST', body: '{"n":1}' }));

async function echoHook(path: string) {
  const actor = await ownerActor();
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
  const { workflowId } = await publish(actor, {
    name: `Echo ${path}`,
    nodes: [node('hook', 'webhook', { path })],
    edges: [],
  });
  return { actor, workflowId, url: `http://localhost/api/hooks/${ws.slug}/${path}` };
}

describe('webhooks found a moment ago', () => {
  it('ask for a signature as soon as a new version requires one', async () => {
    const { actor, workflowId, url } = await echoHook('soon-signed');
    expect((await post(url)).status).toBe(200);
    expect((await post(url)).status).toBe(200);
    const workflow = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
    await saveDraft(db, actor, {
      id: workflowId,
      definition: {
        schemaVersion: 1,
        name: workflow.name,
        nodes: [node('hook', 'webhook', { path: 'soon-signed', secret: 'cache_key' })],
        edges: [],
      },
      revision: workflow.draftRevision,
    });
    await publishWorkflow(db, actor, { id: workflowId, message: 'signed now' });
    const runs = await db.run.count({ where: { workflowId } });

    const res = await post(url);
    expect(res.status).toBe(401);
    expect(await db.run.count({ where: { workflowId } })).toBe(runs);
  });

  it('are gone as soon as their workflow is deleted', async () => {
    const { actor, workflowId, url } = await echoHook('soon-gone');
    expect((await post(url)).status).toBe(200);
    await deleteWorkflow(db, actor, workflowId);
    expect((await post(url)).status).toBe(404);
  });

  it('start runs of the version published now, not the one found before', async () => {
    const { actor, workflowId, url } = await echoHook('soon-new');
    expect((await post(url)).status).toBe(200);
    const workflow = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
    await saveDraft(db, actor, {
      id: workflowId,
      definition: {
        schemaVersion: 1,
        name: workflow.name,
        nodes: [
          node('hook', 'webhook', { path: 'soon-new' }),
          node('tag', 'set', { values: { v: 2 } }),
        ],
        edges: [{ from: 'hook', to: 'tag' }],
      },
      revision: workflow.draftRevision,
    });
    const version = await publishWorkflow(db, actor, { id: workflowId, message: 'v2' });
    const res = await post(url);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ tag: { v: 2 } });
    const run = await db.run.findUniqueOrThrow({
      where: { id: res.headers.get('x-miniflow-run-id')! },
    });
    expect(run.versionId).toBe(version.id);
  });
});
