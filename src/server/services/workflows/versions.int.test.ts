import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';

let editor: ReturnType<typeof callerFor>;
let viewer: ReturnType<typeof callerFor>;
let outsider: ReturnType<typeof callerFor>;
let editorEmail: string;

beforeAll(async () => {
  const ws = await createWorkspace();
  const editorUser = await createMember(ws.id, 'editor');
  editorEmail = editorUser.email;
  editor = callerFor(editorUser.id, ws.slug);
  viewer = callerFor((await createMember(ws.id, 'viewer')).id, ws.slug);
  const other = await createWorkspace();
  outsider = callerFor((await createMember(other.id, 'owner')).id, other.slug);
});

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const definition = (name: string, message: string) => ({
  schemaVersion: 1 as const,
  name,
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    { id: 'say', type: 'log', params: { message } },
  ],
  edges: [{ from: 'start', to: 'say' }],
});

async function publishedTwice() {
  const wf = await editor.workflow.create({ name: `Versioned ${Math.random()}` });
  await editor.workflow.saveDraft({
    id: wf.id,
    revision: 0,
    definition: definition(wf.name, 'first'),
  });
  await editor.workflow.publish({ id: wf.id, message: 'First cut' });
  await editor.workflow.saveDraft({
    id: wf.id,
    revision: 1,
    definition: definition(wf.name, 'second'),
  });
  await editor.workflow.publish({ id: wf.id, message: 'Say something else' });
  return wf;
}

describe('workflow versions', () => {
  it('lists versions with their author and message, newest first', async () => {
    const wf = await publishedTwice();
    const versions = await viewer.workflow.versions({ id: wf.id });
    expect(versions.map((v) => [v.number, v.message, v.published])).toEqual([
      [2, 'Say something else', true],
      [1, 'First cut', false],
    ]);
    expect(versions[0]!.author?.email).toBe(editorEmail);
  });

  it('returns one version with its definition to a viewer', async () => {
    const wf = await publishedTwice();
    const first = await viewer.workflow.version({ workflowId: wf.id, number: 1 });
    expect(first.number).toBe(1);
    expect(first.message).toBe('First cut');
    expect(first.published).toBe(false);
    expect(first.author?.email).toBe(editorEmail);
    expect(first.definition.nodes.find((n) => n.id === 'say')?.params).toEqual({
      message: 'first',
    });
    const second = await viewer.workflow.version({ workflowId: wf.id, number: 2 });
    expect(second.definition.nodes.find((n) => n.id === 'say')?.params).toEqual({
      message: 'second',
    });
  });

  it('reports a missing version, and another workspace’s version, as not found', async () => {
    const wf = await publishedTwice();
    const missing = await rejection(viewer.workflow.version({ workflowId: wf.id, number: 3 }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe('Version not found');
    const foreign = await rejection(outsider.workflow.version({ workflowId: wf.id, number: 1 }));
    expect(foreign.code).toBe('NOT_FOUND');
  });

  it('refuses a version number that is not a positive whole number, naming the field', async () => {
    const wf = await publishedTwice();
    for (const number of [0, 1.5]) {
      const error = await rejection(viewer.workflow.version({ workflowId: wf.id, number }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/number/);
    }
  });
});
