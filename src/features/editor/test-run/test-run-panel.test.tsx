import { describe, expect, it } from 'vitest';
import { renderStatic } from '../config/render-static';
import { StepDetails } from './step-details';
import { TestRunPanel } from './test-run-panel';

const version = (published: boolean) => ({
  id: 'v1',
  number: 1,
  message: '',
  createdAt: new Date(),
  createdById: null,
  author: null,
  published,
});

function panel(canRun: boolean, published: boolean) {
  return renderStatic(
    <TestRunPanel workflowId="wf" canRun={canRun} onRunState={() => {}} />,
    (trpc, client) =>
      client.setQueryData(trpc.workflow.versions.queryKey({ id: 'wf' }), [version(published)]),
  );
}

const runButton = (html: string) => /<button[^>]*>Run<\/button>/.exec(html)?.[0] ?? '';

describe('TestRunPanel', () => {
  it('explains that an unpublished workflow cannot run yet', () => {
    const html = panel(true, false);
    expect(html).toContain('never been published');
    expect(runButton(html)).toContain('disabled=""');
  });

  it('runs the published version with an input', () => {
    const html = panel(true, true);
    expect(html).toContain('>Run input (JSON)<');
    expect(html).toContain('published version v1');
    expect(runButton(html)).not.toContain('disabled=""');
  });

  it('needs the operator role to run', () => {
    expect(panel(false, true)).toContain('needs the operator role');
  });
});

describe('StepDetails', () => {
  it('shows the attempts, error, input, output and logs of a node', () => {
    const html = renderStatic(
      <StepDetails runId="r1" nodeId="calc" onClose={() => {}} />,
      (trpc, client) =>
        client.setQueryData(trpc.run.get.queryKey({ id: 'r1' }), {
          id: 'r1',
          status: 'failed',
          version: {
            number: 1,
            definition: {
              schemaVersion: 1,
              name: 'w',
              nodes: [{ id: 'calc', type: 'code', name: 'Calculate', params: { code: 'x' } }],
              edges: [],
            },
          },
          steps: [
            Object.assign(
              {
                nodeId: 'calc',
                attempt: 1,
                status: 'failed',
                output: null,
                error: { message: 'x is not defined', stack: 'ReferenceError: x' },
                startedAt: null,
                finishedAt: null,
                durationMs: 7,
              },
              { input: { a: 1 }, logs: [{ level: 'info', message: 'hello' }] },
            ),
          ],
        } as never),
    );
    expect(html).toContain('Calculate');
    expect(html).toContain('x is not defined');
    expect(html).toContain('Stack trace');
    expect(html).toContain('aria-label="Input"');
    expect(html).toContain('aria-label="Output"');
    expect(html).toContain('[info] hello');
    expect(html).toContain('aria-label="Close step details"');
  });
});
