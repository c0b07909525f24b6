import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '@/engine';
import { renderStatic } from '../config/render-static';
import { ImportExport } from './import-export';

const definition: WorkflowDefinition = { schemaVersion: 1, name: 'w', nodes: [], edges: [] };

describe('ImportExport', () => {
  it('offers export always and import only when the draft may change', () => {
    const editable = renderStatic(
      <ImportExport definition={definition} readOnly={false} onImport={() => {}} />,
    );
    expect(editable).toContain('>Export<');
    expect(editable).toContain('>Import…<');
    expect(editable).toContain('>Definition (JSON or YAML)<');
    const readOnly = renderStatic(
      <ImportExport definition={definition} readOnly onImport={() => {}} />,
    );
    expect(readOnly).toContain('>Export<');
    expect(readOnly).not.toContain('>Import…<');
  });
});
