import {
  defaultRegistry,
  formatPath,
  validateWorkflow,
  workflowNodeSchema,
  type StepRegistry,
  type WorkflowDefinition,
  type WorkflowNode,
} from '@/engine';

/**
 * Problems of one node keyed by field (`name`, `params.url`, `retry.maxAttempts`), found by
 * the same checks the server runs on publish: the saved format first, then the workflow
 * validator over the definition with this node in it. The first message per field wins.
 * Problems of the node as a whole (e.g. no incoming edge) are keyed `''`.
 */
export function nodeFieldErrors(
  node: WorkflowNode,
  definition: WorkflowDefinition,
  registry: StepRegistry = defaultRegistry,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const add = (key: string, message: string) => {
    if (!(key in errors)) errors[key] = message;
  };
  const format = workflowNodeSchema.safeParse(node);
  if (!format.success) {
    for (const issue of format.error.issues) add(formatPath(issue.path), issue.message);
    return errors;
  }
  const index = definition.nodes.findIndex((n) => n.id === node.id);
  const nodes = index === -1 ? [...definition.nodes, node] : definition.nodes.with(index, node);
  const at = `nodes[${index === -1 ? nodes.length - 1 : index}]`;
  for (const issue of validateWorkflow({ ...definition, nodes }, registry).errors) {
    if (issue.path === at) add('', issue.message);
    else if (issue.path.startsWith(`${at}.`)) add(issue.path.slice(at.length + 1), issue.message);
  }
  return errors;
}

/** Errors for a field and everything inside it (`params.headers` also shows `params.headers.X`). */
export function errorFor(errors: Record<string, string>, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const nested = Object.keys(errors).find(
    (k) => k.startsWith(`${key}.`) || k.startsWith(`${key}[`),
  );
  return nested ? `${nested.slice(key.length).replace(/^\./, '')}: ${errors[nested]}` : undefined;
}
