import { RunDetail } from '@/features/runs/run-detail';

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return <RunDetail key={runId} runId={runId} />;
}
