import { RemoteError, type ApiClient } from './api-client';

export interface RemoteWorkflowSummary {
  id: string;
  name: string;
  description: string;
  updatedAt: string;
  versions: number;
}

/** A workflow named by its id or its exact name. */
export async function findWorkflow(client: ApiClient, ref: string): Promise<RemoteWorkflowSummary> {
  const workflows = await client.get<RemoteWorkflowSummary[]>('/workflows');
  const found = workflows.find((w) => w.id === ref) ?? workflows.find((w) => w.name === ref);
  if (!found) throw new RemoteError(404, `No workflow with the id or name "${ref}"`);
  return found;
}
