'use client';

import { useQuery } from '@tanstack/react-query';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { RunList } from '../runs/run-list';
import { useWorkspace } from '../shell/workspace-context';
import { DefinitionEditor } from './definition-editor';
import { RunWorkflowForm } from './run-workflow-form';
import { VersionList } from './version-list';

export function WorkflowDetail({ workflowId }: { workflowId: string }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const workflow = useQuery(trpc.workflow.get.queryOptions({ id: workflowId }));
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
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{workflow.data.name}</h1>
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <DefinitionEditor
          key={workflow.data.draftRevision}
          workflowId={workflowId}
          draft={workflow.data.draft}
          revision={workflow.data.draftRevision}
          readOnly={!canEdit}
        />
        <div className="space-y-8">
          {canRun ? (
            <RunWorkflowForm
              workflowId={workflowId}
              published={workflow.data.publishedVersionId !== null}
            />
          ) : null}
          <VersionList workflowId={workflowId} />
        </div>
      </div>
      <section aria-labelledby="recent-runs">
        <h2 id="recent-runs" className="mb-3 text-lg font-semibold">
          Recent runs
        </h2>
        <RunList workflowId={workflowId} />
      </section>
    </div>
  );
}
