import type { WorkflowDefinition } from '@/engine';
import type { getRun } from '../services/runs/get-run';

type StoredRun = Awaited<ReturnType<typeof getRun>>;

/**
 * A run as the REST API and the remote CLI show it. `status`, `output` and `steps` have the
 * shape `miniflow run --json` prints (every step of the version, keyed by node id, with
 * null rather than missing fields), so scripts read a local and a remote run alike.
 */
export function runJson(run: StoredRun) {
  const definition = run.version.definition as unknown as WorkflowDefinition;
  const nodes = new Map((run.state?.nodes ?? []).map((node) => [node.id, node]));
  // Attempts come ordered by node and attempt: the last one seen per node is its latest.
  const latestCached = new Map(run.steps.map((s) => [s.nodeId, s.cached]));
  const steps: Record<
    string,
    {
      status: string;
      attempts: number;
      output: unknown;
      error: unknown;
      durationMs?: number;
      cached?: true;
    }
  > = {};
  for (const { id } of definition.nodes) {
    const node = nodes.get(id);
    const durationMs =
      node?.startedAt !== undefined && node.finishedAt !== undefined
        ? node.finishedAt - node.startedAt
        : undefined;
    steps[id] = {
      status: node?.status ?? 'pending',
      attempts: node?.attempts ?? 0,
      output: node?.output ?? null,
      error: node?.error ?? null,
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(latestCached.get(id) ? { cached: true as const } : {}),
    };
  }
  const error = run.error as { message: string; nodeId?: string } | null;
  return {
    id: run.id,
    workflowId: run.workflowId,
    workflowName: run.workflow.name,
    version: run.version.number,
    status: run.status,
    trigger: run.trigger,
    input: run.input ?? null,
    output: run.output ?? null,
    error: error
      ? { message: error.message, ...(error.nodeId ? { nodeId: error.nodeId } : {}) }
      : null,
    steps,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    ...(run.startedAt && run.finishedAt
      ? { durationMs: run.finishedAt.getTime() - run.startedAt.getTime() }
      : {}),
  };
}

export type RunJson = ReturnType<typeof runJson>;
