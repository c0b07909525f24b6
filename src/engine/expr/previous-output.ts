/**
 * What expressions see as `prev`: the output of the node's one predecessor that produced
 * one; for a join reached by several, their outputs keyed by id (as a Merge outputs them);
 * undefined for a node nothing ran before (a trigger).
 */
export function previousOutput(predecessors: Record<string, unknown>): unknown {
  const values = Object.values(predecessors);
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : { ...predecessors };
}
