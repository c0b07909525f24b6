import { WorkflowList } from '@/features/workflows/workflow-list';

export default function WorkflowsPage() {
  return <WorkflowList />;
}
