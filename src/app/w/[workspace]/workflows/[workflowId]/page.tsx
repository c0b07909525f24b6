import { WorkflowDetail } from '@/features/workflow-detail/workflow-detail';

export default async function WorkflowPage({
  params,
}: {
  params: Promise<{ workflowId: string }>;
}) {
  const { workflowId } = await params;
  return <WorkflowDetail workflowId={workflowId} />;
}
