import { describeStepTypes, defaultRegistry, type WorkflowDefinition } from '@/engine';

export const types = new Map(describeStepTypes(defaultRegistry).map((t) => [t.id, t]));

/** start → check → (yes | no) → join: the diamond the designer's tests build. */
export function diamond(): WorkflowDefinition {
  return {
    schemaVersion: 1,
    name: 'Diamond',
    nodes: [
      { id: 'start', type: 'manual', name: 'Start', params: {}, position: { x: 0, y: 0 } },
      {
        id: 'check',
        type: 'if',
        name: 'Check',
        params: { condition: 'input.n > 1' },
        position: { x: 200, y: 0 },
      },
      { id: 'yes', type: 'set', name: 'Yes', params: { values: {} }, position: { x: 400, y: -80 } },
      { id: 'no', type: 'set', name: 'No', params: { values: {} }, position: { x: 400, y: 80 } },
      {
        id: 'join',
        type: 'merge',
        name: 'Join',
        params: { mode: 'all' },
        position: { x: 600, y: 0 },
      },
    ],
    edges: [
      { from: 'start', to: 'check' },
      { from: 'check', to: 'yes', fromPort: 'true' },
      { from: 'check', to: 'no', fromPort: 'false' },
      { from: 'yes', to: 'join' },
      { from: 'no', to: 'join' },
    ],
  };
}
