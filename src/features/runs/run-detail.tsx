'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { runView, type WorkflowDefinition } from '@/engine';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { ReadOnlyCanvas } from '../editor/canvas/read-only-canvas';
import { stepOverlays } from '../editor/canvas/step-overlays';
import { useLiveInvalidate } from '../live/use-run-events';
import { useWorkspace } from '../shell/workspace-context';
import { CreateTestFromRun } from '../tests/create-test-from-run';
import { JsonViewer } from './json-viewer';
import { RelatedRuns } from './related-runs';
import { RunActions } from './run-actions';
import { StatusBadge } from './status-badge';
import { StepDetails } from './step-details';
import { StepTimeline } from './step-timeline';
import { StepsTable } from './steps-table';

/** One run: its graph with live step statuses, a timeline, every attempt in detail, actions. */
export function RunDetail({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const canOperate = hasRole(workspace.role, 'operator');
  const canEdit = hasRole(workspace.role, 'editor');
  const run = useQuery(trpc.run.get.queryOptions({ id: runId }));
  useLiveInvalidate({ runId }, [trpc.run.get.queryKey({ id: runId })]);
  const [selected, setSelected] = useState<string | null>(null);
  const data = run.data;
  const definition = data?.version.definition as WorkflowDefinition | undefined;

  const view = useMemo(
    () =>
      data && definition
        ? runView({
            definition,
            state: data.state,
            attempts: data.steps,
            // Open bars end when the page last heard of the run: each live event refetches it.
            now: data.finishedAt?.getTime() ?? run.dataUpdatedAt,
          })
        : null,
    [data, definition, run.dataUpdatedAt],
  );
  const overlays = useMemo(() => (view ? stepOverlays(view.nodes) : undefined), [view]);

  if (run.isPending) return <p className="text-sm text-slate-500">Loading run…</p>;
  if (run.isError || !data || !definition || !view) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {run.error?.message ?? 'Run not found'}
      </p>
    );
  }
  const shown = selected
    ? view.nodes.filter((n) => n.id === selected)
    : view.nodes.filter((n) => n.history.length > 0);

  return (
    <section aria-labelledby="run-title" className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="run-title" className="text-2xl font-semibold">
          Run of{' '}
          <Link
            href={`/w/${workspace.slug}/workflows/${data.workflowId}`}
            className="text-brand-700 hover:underline"
          >
            {data.workflow.name}
          </Link>
        </h1>
        <span aria-label="Run status">
          <StatusBadge status={data.status} />
        </span>
        <span className="text-sm text-slate-500">
          version {data.version.number} · {data.trigger} ·{' '}
          <span className="font-mono">{data.id}</span>
        </span>
      </div>
      {canOperate ? <RunActions key={data.id} run={data} /> : null}
      {canEdit && data.finishedAt ? (
        <CreateTestFromRun
          runId={data.id}
          workflowId={data.workflowId}
          workspaceSlug={workspace.slug}
        />
      ) : null}
      <RelatedRuns
        parent={data.parent}
        parentNodeId={data.parentNodeId}
        retryOf={data.retryOf}
        retries={data.retries}
        children={data.children}
        childCount={data.childCount}
      />
      <div
        className="h-96 rounded-lg border border-slate-200 bg-white"
        aria-label="Workflow graph"
        role="region"
      >
        <ReadOnlyCanvas definition={definition} overlays={overlays} onNodeClick={setSelected} />
      </div>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="mb-2 text-lg font-semibold">
          Timeline
        </h2>
        <StepTimeline rows={view.timeline} />
      </section>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h2 className="mb-1 text-sm font-medium text-slate-600">Input</h2>
          <JsonViewer value={data.input} label="Run input" />
        </div>
        <div>
          <h2 className="mb-1 text-sm font-medium text-slate-600">
            {data.error ? 'Error' : 'Output'}
          </h2>
          <JsonViewer
            value={data.error ?? data.output ?? null}
            label={data.error ? 'Run error' : 'Run output'}
          />
        </div>
      </div>
      <StepsTable nodes={view.nodes} onSelect={setSelected} />
      <section aria-labelledby="details-title" className="space-y-2">
        <div className="flex items-center gap-3">
          <h2 id="details-title" className="text-lg font-semibold">
            Step details{selected ? `: ${selected}` : ''}
          </h2>
          {selected ? (
            <button
              type="button"
              className="text-sm text-brand-700 hover:underline"
              onClick={() => setSelected(null)}
            >
              Show all steps
            </button>
          ) : null}
        </div>
        {shown.map((node) => (
          // A failure is what one comes to read: it opens without a click.
          <StepDetails key={node.id} node={node} open={selected ? 'all' : 'failed'} />
        ))}
      </section>
    </section>
  );
}
