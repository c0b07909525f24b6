import { describe, expect, it } from 'vitest';
import { renderStatic } from '../config/render-static';
import { TestRunPanel } from './test-run-panel';

const version = (published: boolean) => ({
  id: 'v1',
  number: 1,
  message: '',
  createdAt: new Date(),
  createdById: null,
  author: null,
  published,
  testResults: null,
});

function panel(canRun: boolean, published: boolean, webhook?: Record<string, unknown>) {
  return renderStatic(
    <TestRunPanel
      workflowId="wf"
      canRun={canRun}
      onRunState={() => {}}
      {...(webhook ? { webhook } : {})}
    />,
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

  it('offers a request editor for a webhook workflow, its input shaped like a request', () => {
    expect(panel(true, true)).not.toContain('Request method');
    const html = panel(true, true, { path: 'orders', method: 'PUT' });
    expect(html).toContain('Request method');
    expect(html).toContain('<option selected="">PUT</option>');
    expect(html).toContain('&quot;path&quot;: &quot;orders&quot;');
  });

  it('needs the operator role to run', () => {
    expect(panel(false, true)).toContain('needs the operator role');
  });
});
