import { describe, expect, it } from 'vitest';
import { node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { readRuns } from './read-runs';
import { pgSql } from './sql';
import { webRuntime } from './web-runtime';

describe('reading runs together', () => {
  it('gives each caller of the same run its own copy, in the order asked', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Read together',
      nodes: [node('start', 'manual'), node('work', 'code', { code: 'return 1;' })],
      edges: [{ from: 'start', to: 'work' }],
    });
    const { runId } = await startRun(actor, workflowId, {});
    const [first, missing, second] = await readRuns(pgSql(webRuntime().pool), [
      runId,
      'no-such-run',
      runId,
    ]);
    expect(missing).toBeUndefined();
    expect(second).toEqual(first);
    // Two steps of one run read together must not share the state they each change.
    expect(second).not.toBe(first);
    expect(second!.state).not.toBe(first!.state);
  });
});
