/** The draft a new workflow starts from: a manual trigger, ready for its first step. */
export function newDraft(name: string) {
  return {
    schemaVersion: 1,
    name,
    nodes: [
      {
        id: 'trigger',
        type: 'manual',
        name: 'Manual Trigger',
        params: {},
        position: { x: 0, y: 0 },
      },
    ],
    edges: [],
  };
}
