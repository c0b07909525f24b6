'use client';

import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '@/components/ui/empty-state';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';
import { CreateWorkflowForm } from './create-workflow-form';
import { WorkflowRow } from './workflow-row';

export function WorkflowList() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const canEdit = hasRole(workspace.role, 'editor');
  const list = useQuery(trpc.workflow.list.queryOptions());
  return (
    <section aria-labelledby="workflows-title">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <h1 id="workflows-title" className="text-2xl font-semibold">
          Workflows
        </h1>
        {canEdit ? <CreateWorkflowForm /> : null}
      </div>
      {list.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : list.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load workflows: {list.error.message}
        </p>
      ) : list.data.length === 0 ? (
        <EmptyState title="No workflows yet">
          {canEdit ? 'Create your first workflow above.' : 'Editors can create workflows here.'}
        </EmptyState>
      ) : (
        <ul
          aria-label="Workflows"
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
        >
          {list.data.map((w) => (
            <WorkflowRow key={w.id} workflow={w} canEdit={canEdit} />
          ))}
        </ul>
      )}
    </section>
  );
}
