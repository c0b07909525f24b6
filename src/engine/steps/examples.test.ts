import { describe, expect, it } from 'vitest';
import { checkWorkflow } from '../definition/parse';
import { validateWorkflow } from '../graph/validate-graph';
import { defaultRegistry } from './registry';

// Vite inlines the files at test time, so the engine itself never touches the disk.
// Test files (*.test.json) sit beside the workflows they test.
const files = import.meta.glob<unknown>(
  ['../../../examples/*.json', '!../../../examples/*.test.json'],
  {
    eager: true,
    import: 'default',
  },
);
const examples = Object.entries(files).map(([path, value]) => ({
  file: path.replace(/^.*\//, '').replace(/\.json$/, ''),
  value,
}));

describe('examples/', () => {
  it('has the promised set of examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples)('$file is a valid workflow', ({ value }) => {
    const parsed = checkWorkflow(value);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors, null, 2));
    const result = validateWorkflow(parsed.workflow, defaultRegistry);
    expect(result.errors).toEqual([]);
    for (const node of parsed.workflow.nodes) expect(node.position, node.id).toBeDefined();
  });

  it('references only workflows that exist among the examples', () => {
    const known = new Set(
      examples.flatMap(({ file, value }) => [file, (value as { name: string }).name]),
    );
    for (const { file, value } of examples) {
      const nodes = (value as { nodes: { type: string; params: { workflowId?: string } }[] }).nodes;
      for (const node of nodes) {
        if (node.params.workflowId === undefined) continue;
        expect(known.has(node.params.workflowId), `${file}: ${node.params.workflowId}`).toBe(true);
      }
    }
  });

  it('uses every built-in step type somewhere', () => {
    const used = new Set(
      examples.flatMap(({ value }) =>
        (value as { nodes: { type: string }[] }).nodes.map((n) => n.type),
      ),
    );
    const unused = defaultRegistry
      .list()
      .filter((t) => !used.has(t.id))
      .map((t) => t.id);
    expect(unused).toEqual([]);
  });
});
