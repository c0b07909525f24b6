import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultRegistry, describeStepType, type WorkflowDefinition } from '@/engine';
import type { AppRouter } from '@/server/api/root';
import { TRPCProvider } from '@/trpc/react';
import { ConfigPanel } from './config-panel';
import { schemaToFields } from './schema-to-fields';

// Server rendering draws the whole form without a browser; queries stay pending.
function render(children: ReactNode): string {
  const queryClient = new QueryClient();
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => {})] });
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

const definitionWith = (type: string): WorkflowDefinition => ({
  schemaVersion: 1,
  name: 'w',
  nodes: [
    {
      id: 'step',
      type,
      params:
        (describeStepType(defaultRegistry.get(type)!).defaultParams as Record<string, unknown>) ??
        {},
    },
  ],
  edges: [],
});

describe('ConfigPanel', () => {
  it.each(defaultRegistry.list().map((t) => t.id))(
    'draws a labelled field for every %s param',
    (type) => {
      const definition = definitionWith(type);
      const html = render(
        <ConfigPanel
          workflowId="wf"
          node={definition.nodes[0]!}
          definition={definition}
          readOnly={false}
          onChange={() => {}}
        />,
      );
      const description = describeStepType(defaultRegistry.get(type)!);
      for (const field of schemaToFields(description.paramsSchema, description.paramKinds)) {
        expect(html).toContain(`data-field="params.${field.key}"`);
        expect(html).toContain(`>${field.label}<`);
      }
      for (const label of ['Name', 'Retry on failure', 'Timeout (ms)', 'On error']) {
        expect(html).toContain(label);
      }
    },
  );

  it('disables every control when read-only and shows errors next to their fields', () => {
    const definition: WorkflowDefinition = {
      schemaVersion: 1,
      name: 'w',
      nodes: [{ id: 'fetch', type: 'http', params: { url: '', headers: { A: 'b' } } }],
      edges: [],
    };
    const html = render(
      <ConfigPanel
        workflowId="wf"
        node={definition.nodes[0]!}
        definition={definition}
        readOnly
        onChange={() => {}}
        fieldErrors={{ 'params.method': 'Pick a method' }}
      />,
    );
    const controls = html.match(/<(input|select|textarea)\b[^>]*>/g) ?? [];
    expect(controls.length).toBeGreaterThan(3);
    for (const control of controls) expect(control).toContain('disabled');
    expect(html).toContain('Pick a method');
    expect(html).toMatch(/data-field="params.url".*role="alert"/s);
  });
});
