import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { AppError } from '@/server/errors';
import { webRuntime } from '@/server/runtime/web-runtime';
import { edge, node, ownerActor, publish } from '@/test/runtime-fixtures';
import { getRun } from './get-run';
import { startManualRun } from './start-manual-run';

const definition = (name: string, value: string) => ({
  name,
  nodes: [node('start', 'manual'), node('done', 'set', { values: { value } })],
  edges: [edge('start', 'done')],
});

describe('startManualRun with a versionId', () => {
  it('runs a version of the workflow and nothing else', async () => {
    const actor = await ownerActor();
    const mine = await publish(actor, definition('Mine', 'mine'));
    const sibling = await publish(actor, definition('Sibling', 'sibling'));
    const stranger = await ownerActor();
    const foreign = await publish(stranger, definition('Foreign', 'foreign'));
    const start = (versionId: string) =>
      startManualRun(db, webRuntime(), actor, { workflowId: mine.workflowId, versionId });
    const refusal = (versionId: string) =>
      start(versionId).then(
        () => null,
        (e: unknown) => e,
      );

    for (const versionId of [sibling.versionId, foreign.versionId, 'no-such-version']) {
      const error = await refusal(versionId);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/^versionId: /),
      });
    }
    expect(await db.run.count({ where: { workflowId: mine.workflowId } })).toBe(0);

    const { runId } = await start(mine.versionId);
    const run = await getRun(db, actor, runId);
    expect(run).toMatchObject({ status: 'succeeded', output: { done: { value: 'mine' } } });
  });
});
