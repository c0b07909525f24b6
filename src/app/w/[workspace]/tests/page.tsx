import { EmptyState } from '@/components/ui/empty-state';

export default function TestsPage() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Tests</h1>
      <EmptyState title="No test cases yet">
        Test cases for your workflows will be listed here.
      </EmptyState>
    </>
  );
}
