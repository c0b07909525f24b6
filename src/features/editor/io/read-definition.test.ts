import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '@/engine';
import { exportFileName, exportText, formatIssue, readDefinition } from './read-definition';

const definition: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'Orders',
  nodes: [
    { id: 'start', type: 'manual', params: {}, position: { x: 0, y: 0 } },
    { id: 'say', type: 'log', params: { message: 'hi {{ input.id }}' } },
  ],
  edges: [{ from: 'start', to: 'say' }],
  vars: { region: 'eu' },
};

describe('readDefinition', () => {
  it('reads back exactly what was exported', () => {
    const result = readDefinition(exportText(definition));
    expect(result).toEqual({ ok: true, definition, warnings: [] });
  });

  it('reads YAML', () => {
    const yaml = [
      'schemaVersion: 1',
      'name: Orders',
      'nodes:',
      '  - { id: start, type: manual, params: {} }',
      'edges: []',
    ].join('\n');
    const result = readDefinition(yaml);
    expect(result.ok && result.definition.nodes[0]?.id).toBe('start');
  });

  it('reports format errors with their paths', () => {
    const broken = { ...definition, nodes: [{ id: '1bad', type: 'log', params: {}, extra: 1 }] };
    const result = readDefinition(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).toContain('nodes[0].id');
    expect(paths).toContain('nodes[0]');
    expect(result.errors.map(formatIssue).join('\n')).toMatch(/^nodes\[0\]\.id: /m);
  });

  it('reports unparsable text and empty input without a path', () => {
    const bad = readDefinition('{ "name": ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]?.path).toBe('');
    const empty = readDefinition('   ');
    expect(empty).toEqual({
      ok: false,
      errors: [{ path: '', message: 'Paste a definition or choose a file' }],
    });
  });

  it('accepts an unfinished graph but warns about it', () => {
    const unfinished = {
      ...definition,
      nodes: [...definition.nodes, { id: 'x', type: 'http', params: {} }],
    };
    const result = readDefinition(JSON.stringify(unfinished));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.map((w) => w.path)).toContain('nodes[2].params.url');
  });
});

describe('export', () => {
  it('names the file after the workflow', () => {
    expect(exportFileName('Orders')).toBe('Orders.json');
    expect(exportFileName('a/b: c?')).toBe('a-b- c-.json');
    expect(exportFileName('  ')).toBe('workflow.json');
    expect(exportFileName('..hidden')).toBe('hidden.json');
  });

  it('writes the same text whatever the order of the keys it is given', () => {
    const scrambled = JSON.parse(
      '{"edges":[{"to":"say","from":"start"}],"vars":{"region":"eu"},"name":"Orders",' +
        '"nodes":[{"params":{},"type":"manual","position":{"y":0,"x":0},"id":"start"},' +
        '{"params":{"message":"hi {{ input.id }}"},"id":"say","type":"log"}],"schemaVersion":1}',
    ) as WorkflowDefinition;
    const text = exportText(scrambled);
    expect(text).toBe(exportText(definition));
    const reimported = readDefinition(text);
    expect(reimported.ok && exportText(reimported.definition)).toBe(text);
  });

  it('writes pretty JSON ending in a newline', () => {
    expect(exportText(definition)).toMatch(/^\{\n {2}"schemaVersion": 1,\n/);
    expect(exportText(definition).endsWith('}\n')).toBe(true);
  });
});
