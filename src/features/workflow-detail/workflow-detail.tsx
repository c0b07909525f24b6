'use client';

import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { Coverage } from '@/engine';
import { hasRole } from '@/shared/roles';
import type { AppRouter } from '@/server/api/root';
import { useTRPC } from '@/trpc/react';
import { WorkflowEditor } from '../editor/workflow-editor';
import { RunList } from '../runs/run-list';
import { useWorkspace } from '../shell/workspace-context';
import { coverageOverlays } from '../tests/coverage-overlays';
import { TestsPanel } from '../tests/tests-panel';
import { WorkflowTabs, type WorkflowTab } from '../tests/workflow-tabs';

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
  const params = useSearchParams();
  const [tab, setTab] = useState<WorkflowTab>(params.get('tab') === 'tests' ? 'tests' : 'designer');
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [showCoverage, setShowCoverage] = useState(false);
  const overlays = useMemo(
    () => (coverage && showCoverage ? coverageOverlays(coverage) : undefined),
    [coverage, showCoverage],
  );
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
      <WorkflowTabs tab={tab} onTab={setTab} />
      <div
        id="tab-designer"
        role="tabpanel"
        aria-labelledby="tab-designer-button"
        hidden={tab !== 'designer'}
      >
        {showCoverage && coverage ? (
          <p role="status" className="mb-2 flex items-center gap-3 text-sm text-slate-700">
            Test coverage {coverage.percent}%: steps marked untested were reached by no case.
            <button
              type="button"
              className="text-brand-700 hover:underline"
              onClick={() => setShowCoverage(false)}
            >
              Hide coverage
            </button>
          </p>
        ) : null}
        <WorkflowEditor
          workflow={{
            id: workflow.data.id,
            name: workflow.data.name,
            draft: workflow.data.draft,
            draftRevision: workflow.data.draftRevision,
          }}
          canEdit={canEdit}
          canRun={canRun}
          {...(overlays ? { coverageOverlays: overlays } : {})}
        />
      </div>
      <div
        id="tab-tests"
        role="tabpanel"
        aria-labelledby="tab-tests-button"
        hidden={tab !== 'tests'}
      >
        <TestsPanel
          workflowId={workflowId}
          workflowName={workflow.data.name}
          canEdit={canEdit}
          canRun={canRun}
          gate={{
            required: workflow.data.requireTestsToPublish,
            minCoverage: workflow.data.minTestCoverage,
          }}
          onCoverage={setCoverage}
          onShowCoverage={() => {
            setShowCoverage(true);
            setTab('designer');
          }}
        />
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
