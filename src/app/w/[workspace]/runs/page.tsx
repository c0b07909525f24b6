import { RunList } from '@/features/runs/run-list';

export default function RunsPage() {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Runs</h1>
      <RunList />
    </>
  );
}
