'use client';

import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { hasRole } from '@/shared/roles';
import type { AppRouter } from '@/server/api/root';
import { useTRPC } from '@/trpc/react';
import { WorkflowEditor } from '../editor/workflow-editor';
import { RunList } from '../runs/run-list';
import { useWorkspace } from '../shell/workspace-context';

type Workflow = inferRouterOutputs<AppRouter>['workflow']['get'];

export function WorkflowDetail({
  workflowId,
  initial,
}: {
  workflowId: string;
  initial?: Workflow;
}) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const workflow = useQuery({
    ...trpc.workflow.get.queryOptions({ id: workflowId }),
    initialData: initial,
    // The editor owns the draft once loaded; refetching must not reset it under the user.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  if (workflow.isPending) return <p className="text-sm text-slate-500">Loading workflow…</p>;
  if (workflow.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {workflow.error.message}
      </p>
    );
  }
  const canEdit = hasRole(workspace.role, 'editor');
  const canRun = hasRole(workspace.role, 'operator');
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">{workflow.data.name}</h1>
        <nav aria-label="Workflow" className="flex gap-3 text-sm">
          <Link href={`/w/${workspace.slug}/workflows`} className="text-brand-700 hover:underline">
            All workflows
          </Link>
          <a href="#recent-runs" className="text-brand-700 hover:underline">
            Recent runs
          </a>
        </nav>
      </header>
      <WorkflowEditor
        workflow={{
          id: workflow.data.id,
          name: workflow.data.name,
          draft: workflow.data.draft,
          draftRevision: workflow.data.draftRevision,
        }}
        canEdit={canEdit}
        canRun={canRun}
      />
      <section aria-labelledby="recent-runs">
        <h2 id="recent-runs" className="mb-3 text-lg font-semibold">
          Recent runs
        </h2>
        <RunList workflowId={workflowId} />
      </section>
    </div>
  );
}
