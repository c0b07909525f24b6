import { EmptyState } from '@/components/ui/empty-state';

export default function RunsPage() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Runs</h1>
      <EmptyState title="No runs yet">Runs of your workflows will be listed here.</EmptyState>
    </>
  );
}
