import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { WorkflowDetail } from '@/features/workflow-detail/workflow-detail';
import { serverCaller } from '@/trpc/server';

export default async function WorkflowPage({
  params,
}: {
  params: Promise<{ workspace: string; workflowId: string }>;
}) {
  const { workspace, workflowId } = await params;
  // Read with the page, so the designer draws at once instead of fetching after hydration.
  const caller = await serverCaller(decodeURIComponent(workspace));
  const workflow = await caller.workflow.get({ id: workflowId }).catch((error: unknown) => {
    if (
      error instanceof TRPCError &&
      (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')
    ) {
      notFound();
    }
    throw error;
  });
  return <WorkflowDetail workflowId={workflowId} initial={workflow} />;
}
