import { describe, expect, it } from 'vitest';
import { defaultRegistry, describeStepType, type WorkflowDefinition } from '@/engine';
import { ConfigPanel } from './config-panel';
import { renderStatic as render } from './render-static';
import { schemaToFields } from './schema-to-fields';

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

  it('says which failures a retry applies to', () => {
    const definition = definitionWith('code');
    const html = render(
      <ConfigPanel
        workflowId="wf"
        node={definition.nodes[0]!}
        definition={definition}
        readOnly={false}
        onChange={() => {}}
      />,
    );
    expect(html).toContain('Retries any failure (code that throws, timeouts');
    expect(html).toContain('except those another attempt cannot fix');
  });

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
