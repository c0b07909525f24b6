import { EmptyState } from '@/components/ui/empty-state';

export default function MonitorPage() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Monitor</h1>
      <EmptyState title="Nothing to monitor yet">
        Queue depth, workers and results will show here once workflows run.
      </EmptyState>
    </>
  );
}
